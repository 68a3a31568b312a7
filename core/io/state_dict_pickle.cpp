// Design note (hardening, issue 17): every unpickled object lives in one arena owned by the
// Unpickler and objects refer to each other by plain pointers. A hostile pickle can therefore
// neither leak (a memo entry appended to itself makes a cycle, which shared_ptr would never free)
// nor overflow the stack on release (a tuple nested 300,000 deep was freed recursively by nested
// shared_ptr destructors): the arena is a flat vector freed in a loop. No code walks the object
// graph recursively; nesting is still bounded (kMaxDepth) so a file with absurd nesting gets a
// clear error, and a container that would contain itself is refused. Sizes, strides and offsets
// are checked with overflow-safe arithmetic (__builtin_*_overflow).
#include "io/state_dict_pickle.h"

#include "common/error.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <utility>

namespace florence::io {

namespace {

enum class Kind { None, Bool, Int, String, Tuple, List, Dict, Global, Storage, Tensor };

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::String: return "str";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Global: return "global";
    case Kind::Storage: return "storage";
    case Kind::Tensor: return "tensor";
    }
    return "?";
}

struct Value;
using Ref = Value *; ///< owned by the Unpickler's arena; aliases give Python's reference semantics

/// One unpickled object.
struct Value
{
    Kind kind = Kind::None;
    int depth = 1;                               ///< nesting depth (1 for scalars and empty containers)
    std::int64_t i = 0;                          ///< Int, Bool
    std::string s;                               ///< String; Global as "module.name"
    std::vector<Ref> items;                      ///< Tuple, List
    std::vector<std::pair<Ref, Ref>> entries;    ///< Dict
    PickledTensor tensor;                        ///< Storage (storage fields only) and Tensor
};

constexpr const char *kOrderedDict = "collections.OrderedDict";
constexpr const char *kRebuildTensor = "torch._utils._rebuild_tensor_v2";
constexpr std::size_t kMaxStack = 1u << 20;
/// Deepest nesting of containers accepted. A torch.save state dict nests at most 4 deep (the
/// `_metadata` dict of dicts, the arguments of _rebuild_tensor_v2); Python's own unpickler
/// raises RecursionError around 1000.
constexpr int kMaxDepth = 100;

/// torch.<Type>Storage -> element type; false for storage types a checkpoint cannot hold here.
bool storageDtype(const std::string &global, DType &out)
{
    static const std::pair<const char *, DType> table[] = {
        {"torch.FloatStorage", DType::F32}, {"torch.HalfStorage", DType::F16},  {"torch.BFloat16Storage", DType::BF16},
        {"torch.DoubleStorage", DType::F64}, {"torch.LongStorage", DType::I64}, {"torch.IntStorage", DType::I32},
        {"torch.ByteStorage", DType::U8},   {"torch.CharStorage", DType::I8},   {"torch.BoolStorage", DType::Bool}};
    for (const auto &e : table)
        if (global == e.first) {
            out = e.second;
            return true;
        }
    return false;
}

class Unpickler
{
public:
    Unpickler(const std::uint8_t *data, std::size_t size, const std::string &where)
        : m_data(data)
        , m_size(size)
        , m_where(where)
    {
    }

    std::vector<PickledTensor> run()
    {
        for (;;) {
            if (m_pos >= m_size)
                fail("data ends without a STOP opcode (truncated)");
            m_opPos = m_pos;
            const std::uint8_t op = m_data[m_pos++];
            if (op == '.')
                break;
            step(op);
        }
        if (m_stack.size() != 1)
            fail("STOP with " + std::to_string(m_stack.size()) + " objects on the stack, expected 1");
        return result(m_stack.back());
    }

private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw Error(ErrorKind::ModelFormat, m_where + ": " + what + " (at byte " + std::to_string(m_opPos) + ")");
    }

    const std::uint8_t *take(std::size_t n)
    {
        if (n > m_size - m_pos)
            fail("data ends inside an opcode argument (truncated)");
        const std::uint8_t *p = m_data + m_pos;
        m_pos += n;
        return p;
    }
    template <typename T> T readLE()
    {
        T v;
        std::memcpy(&v, take(sizeof(T)), sizeof(T));
        return v;
    }
    std::string readLine()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_size && m_data[m_pos] != '\n')
            ++m_pos;
        if (m_pos >= m_size)
            fail("GLOBAL name is not terminated (truncated)");
        std::string s(reinterpret_cast<const char *>(m_data + start), m_pos - start);
        ++m_pos;
        return s;
    }

    Ref make(Kind k)
    {
        m_arena.push_back(std::make_unique<Value>());
        m_arena.back()->kind = k;
        return m_arena.back().get();
    }

    /// Records that `container` now holds `child`; fails on self-containment and deep nesting.
    void nest(Value &container, const Value &child)
    {
        if (&child == &container)
            fail(std::string("a ") + kindName(container.kind) + " would contain itself (memo self-reference)");
        if (child.depth + 1 > container.depth)
            container.depth = child.depth + 1;
        if (container.depth > kMaxDepth)
            fail("objects nested more than " + std::to_string(kMaxDepth) + " deep (a state dict needs 4)");
    }

    void push(Ref v)
    {
        if (m_stack.size() >= kMaxStack)
            fail("pickle stack exceeds " + std::to_string(kMaxStack) + " objects");
        m_stack.push_back(std::move(v));
    }
    Ref pop()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            fail("stack underflow");
        Ref v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    Ref &top()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            fail("stack underflow");
        return m_stack.back();
    }
    std::vector<Ref> popMark()
    {
        if (m_marks.empty())
            fail("no MARK for a TUPLE/APPENDS/SETITEMS opcode");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<Ref> items(m_stack.begin() + std::ptrdiff_t(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    Ref tuple(std::vector<Ref> items)
    {
        Ref t = make(Kind::Tuple);
        for (Ref v : items)
            nest(*t, *v);
        t->items = std::move(items);
        return t;
    }
    void memoPut(std::uint32_t index)
    {
        m_memo[index] = top();
    }
    void memoGet(std::uint32_t index)
    {
        auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("memo index " + std::to_string(index) + " was never stored");
        push(it->second);
    }
    Ref pushInt(std::int64_t n)
    {
        Ref v = make(Kind::Int);
        v->i = n;
        push(v);
        return v;
    }
    void pushString(std::size_t len)
    {
        const std::uint8_t *p = take(len);
        Ref v = make(Kind::String);
        v->s.assign(reinterpret_cast<const char *>(p), len);
        push(v);
    }
    void global(const std::string &module, const std::string &name)
    {
        const std::string full = module + "." + name;
        DType unused;
        if (full != kOrderedDict && full != kRebuildTensor && !storageDtype(full, unused)) {
            if (module == "torch" && name.size() > 7 && name.compare(name.size() - 7, 7, "Storage") == 0)
                fail("storage type '" + full + "' is not supported (expected a float, integer or bool storage)");
            fail("refusing GLOBAL '" + full + "': a state dict only needs collections.OrderedDict, "
                 "torch._utils._rebuild_tensor_v2 and torch.<Type>Storage (hostile or unsupported pickle)");
        }
        Ref v = make(Kind::Global);
        v->s = full;
        push(v);
    }

    void step(std::uint8_t op)
    {
        switch (op) {
        case 0x80: { // PROTO
            const std::uint8_t proto = *take(1);
            if (proto < 2 || proto > 5)
                fail("pickle protocol " + std::to_string(proto) + " is not supported (expected 2..5)");
            break;
        }
        case 0x95: take(8); break;                        // FRAME (protocol 4): framing only
        case '(': m_marks.push_back(m_stack.size()); break; // MARK
        case '}': push(make(Kind::Dict)); break;          // EMPTY_DICT
        case ']': push(make(Kind::List)); break;          // EMPTY_LIST
        case ')': push(make(Kind::Tuple)); break;         // EMPTY_TUPLE
        case 'N': push(make(Kind::None)); break;          // NONE
        case 0x88:                                        // NEWTRUE
        case 0x89: {                                      // NEWFALSE
            Ref v = make(Kind::Bool);
            v->i = op == 0x88;
            push(v);
            break;
        }
        case 'K': pushInt(*take(1)); break;                             // BININT1
        case 'M': pushInt(readLE<std::uint16_t>()); break;              // BININT2
        case 'J': pushInt(readLE<std::int32_t>()); break;               // BININT
        case 0x8a: {                                                    // LONG1
            const std::uint8_t n = *take(1);
            if (n > 8)
                fail("LONG1 of " + std::to_string(n) + " bytes does not fit 64 bits");
            const std::uint8_t *p = take(n);
            std::uint64_t u = 0;
            for (int k = n - 1; k >= 0; --k)
                u = (u << 8) | p[k];
            if (n > 0 && n < 8 && (p[n - 1] & 0x80))
                u |= ~std::uint64_t(0) << (8 * n); // sign-extend
            pushInt(std::int64_t(u));
            break;
        }
        case 'X': pushString(readLE<std::uint32_t>()); break;           // BINUNICODE
        case 0x8c: pushString(*take(1)); break;                         // SHORT_BINUNICODE
        case 'c': {                                                     // GLOBAL
            const std::string module = readLine();
            const std::string name = readLine();
            global(module, name);
            break;
        }
        case 0x93: { // STACK_GLOBAL (protocol 4)
            Ref name = pop();
            Ref module = pop();
            if (module->kind != Kind::String || name->kind != Kind::String)
                fail("STACK_GLOBAL needs two strings");
            global(module->s, name->s);
            break;
        }
        case 'q': memoPut(*take(1)); break;                     // BINPUT
        case 'r': memoPut(readLE<std::uint32_t>()); break;      // LONG_BINPUT
        case 0x94: memoPut(std::uint32_t(m_memo.size())); break; // MEMOIZE
        case 'h': memoGet(*take(1)); break;                     // BINGET
        case 'j': memoGet(readLE<std::uint32_t>()); break;      // LONG_BINGET
        case 't': push(tuple(popMark())); break;                // TUPLE
        case 0x85: {                                            // TUPLE1
            Ref a = pop();
            push(tuple({a}));
            break;
        }
        case 0x86: { // TUPLE2
            Ref b = pop();
            Ref a = pop();
            push(tuple({a, b}));
            break;
        }
        case 0x87: { // TUPLE3
            Ref c = pop();
            Ref b = pop();
            Ref a = pop();
            push(tuple({a, b, c}));
            break;
        }
        case 'a': { // APPEND
            Ref v = pop();
            Ref list = top();
            if (list->kind != Kind::List)
                fail(std::string("APPEND to a ") + kindName(list->kind));
            nest(*list, *v);
            list->items.push_back(v);
            break;
        }
        case 'e': { // APPENDS
            std::vector<Ref> items = popMark();
            Ref list = top();
            if (list->kind != Kind::List)
                fail(std::string("APPENDS to a ") + kindName(list->kind));
            for (Ref v : items) {
                nest(*list, *v);
                list->items.push_back(v);
            }
            break;
        }
        case 's': { // SETITEM
            Ref value = pop();
            Ref key = pop();
            setItems({key, value});
            break;
        }
        case 'u': setItems(popMark()); break; // SETITEMS
        case 'Q': {                           // BINPERSID
            Ref pid = pop();
            push(persistentLoad(*pid));
            break;
        }
        case 'R': { // REDUCE
            Ref args = pop();
            Ref callable = pop();
            push(reduce(*callable, *args));
            break;
        }
        case 'b': { // BUILD: only OrderedDict.__setstate__ with its __dict__ (the `_metadata` attribute)
            Ref state = pop();
            Ref obj = top();
            if (obj->kind != Kind::Dict || (state->kind != Kind::Dict && state->kind != Kind::None))
                fail(std::string("BUILD of a ") + kindName(obj->kind) + " with a " + kindName(state->kind)
                     + " state (only an OrderedDict's attribute dict is accepted)");
            break;
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", unsigned(op));
            fail(std::string("unsupported pickle opcode ") + hex + " (not used by a torch.save state dict)");
        }
        }
    }

    void setItems(std::vector<Ref> kv)
    {
        if (kv.size() % 2 != 0)
            fail("SETITEMS with an odd number of objects");
        Ref dict = top();
        if (dict->kind != Kind::Dict)
            fail(std::string("SETITEM on a ") + kindName(dict->kind));
        for (std::size_t k = 0; k < kv.size(); k += 2) {
            nest(*dict, *kv[k]);
            nest(*dict, *kv[k + 1]);
            dict->entries.emplace_back(kv[k], kv[k + 1]);
        }
    }

    /// ('storage', torch.<Type>Storage, key, location, numel)
    Ref persistentLoad(const Value &pid)
    {
        if (pid.kind != Kind::Tuple || pid.items.size() != 5 || pid.items[0]->kind != Kind::String
            || pid.items[0]->s != "storage")
            fail("persistent id is not ('storage', type, key, location, numel)");
        const Value &type = *pid.items[1];
        const Value &key = *pid.items[2];
        const Value &numel = *pid.items[4];
        Ref v = make(Kind::Storage);
        if (type.kind != Kind::Global || !storageDtype(type.s, v->tensor.storageDtype))
            fail("persistent id names no storage type");
        if (key.kind != Kind::String || key.s.empty() || key.s.find('/') != std::string::npos
            || key.s.find("..") != std::string::npos)
            fail("persistent id has a bad storage key");
        if (numel.kind != Kind::Int || numel.i < 0 || numel.i > (std::int64_t(1) << 48))
            fail("storage '" + key.s + "' has a negative, absurd or non-integer size");
        v->tensor.storageType = type.s.substr(6); // drop "torch."
        v->tensor.storageKey = key.s;
        v->tensor.storageNumel = numel.i;
        return v;
    }

    std::vector<std::int64_t> intTuple(const Value &v, const char *what)
    {
        if (v.kind != Kind::Tuple)
            fail(std::string("_rebuild_tensor_v2 ") + what + " is a " + kindName(v.kind) + ", expected a tuple");
        std::vector<std::int64_t> out;
        for (const Ref &e : v.items) {
            if (e->kind != Kind::Int || e->i < 0)
                fail(std::string("_rebuild_tensor_v2 ") + what + " holds a negative or non-integer value");
            out.push_back(e->i);
        }
        return out;
    }

    Ref reduce(const Value &callable, const Value &args)
    {
        if (callable.kind != Kind::Global)
            fail(std::string("REDUCE of a ") + kindName(callable.kind) + " (only globals can be called)");
        if (args.kind != Kind::Tuple)
            fail("REDUCE arguments are not a tuple");
        if (callable.s == kOrderedDict) {
            if (!args.items.empty())
                fail("collections.OrderedDict called with arguments");
            return make(Kind::Dict);
        }
        if (callable.s != kRebuildTensor)
            fail("REDUCE of '" + callable.s + "' (only OrderedDict() and _rebuild_tensor_v2() are allowed)");
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (args.items.size() != 6 && args.items.size() != 7)
            fail("_rebuild_tensor_v2 takes 6 or 7 arguments, got " + std::to_string(args.items.size()));
        const Value &storage = *args.items[0];
        const Value &offset = *args.items[1];
        if (storage.kind != Kind::Storage)
            fail("_rebuild_tensor_v2's first argument is not a storage");
        if (offset.kind != Kind::Int || offset.i < 0)
            fail("_rebuild_tensor_v2 storage offset is negative or not an integer");
        Ref t = make(Kind::Tensor);
        t->tensor = storage.tensor;
        t->tensor.storageOffset = offset.i;
        t->tensor.sizes = intTuple(*args.items[2], "size");
        t->tensor.strides = intTuple(*args.items[3], "stride");
        if (t->tensor.sizes.size() != t->tensor.strides.size())
            fail("_rebuild_tensor_v2 size and stride have different lengths");
        return t;
    }

    std::vector<PickledTensor> result(const Ref &root)
    {
        if (root->kind != Kind::Dict)
            fail(std::string("the pickled object is a ") + kindName(root->kind) + ", expected a state dict (OrderedDict)");
        std::vector<PickledTensor> out;
        out.reserve(root->entries.size());
        for (const auto &kv : root->entries) {
            if (kv.first->kind != Kind::String)
                fail(std::string("state dict key is a ") + kindName(kv.first->kind) + ", expected a string");
            const std::string &name = kv.first->s;
            if (kv.second->kind != Kind::Tensor)
                fail("state dict entry '" + name + "' is a " + kindName(kv.second->kind) + ", expected a tensor");
            PickledTensor t = kv.second->tensor;
            t.name = name;
            checkView(t);
            out.push_back(std::move(t));
        }
        return out;
    }

    /// The strided view must stay inside its storage. Every step is overflow-checked: a hostile
    /// offset near INT64_MAX must not wrap around and pass (issue 17, finding 1).
    void checkView(const PickledTensor &t) const
    {
        const std::string what = "tensor '" + t.name + "' of storage '" + t.storageKey + "'";
        if (t.storageOffset < 0 || t.storageOffset > t.storageNumel)
            fail(what + " has storage offset " + std::to_string(t.storageOffset) + ", outside the storage of "
                 + std::to_string(t.storageNumel) + " elements");
        std::int64_t last = t.storageOffset; // largest element index touched
        std::int64_t numel = 1;
        bool empty = false;
        for (std::size_t d = 0; d < t.sizes.size(); ++d) {
            const std::int64_t size = t.sizes[d];
            const std::int64_t stride = t.strides[d];
            if (size < 0 || stride < 0)
                fail(what + " has a negative size or stride in dimension " + std::to_string(d));
            if (__builtin_mul_overflow(numel, size, &numel) || numel > (std::int64_t(1) << 48))
                fail(what + " has an absurd element count (dimension " + std::to_string(d) + ", size "
                     + std::to_string(size) + ")");
            if (size == 0) {
                empty = true;
                continue;
            }
            std::int64_t reach = 0;
            if (__builtin_mul_overflow(size - 1, stride, &reach) || __builtin_add_overflow(last, reach, &last))
                fail(what + ": offset " + std::to_string(t.storageOffset) + " plus (size - 1) * stride overflows "
                     "64 bits in dimension " + std::to_string(d) + " (size " + std::to_string(size) + ", stride "
                     + std::to_string(stride) + ")");
        }
        if (!empty && last >= t.storageNumel)
            fail("tensor '" + t.name + "' reaches element " + std::to_string(last) + " of storage '" + t.storageKey
                 + "', which has only " + std::to_string(t.storageNumel) + " elements");
    }

    const std::uint8_t *m_data;
    std::size_t m_size;
    std::string m_where;
    std::size_t m_pos = 0;
    std::size_t m_opPos = 0;
    std::vector<std::unique_ptr<Value>> m_arena; ///< owns every object; freed flat, never recursively
    std::vector<Ref> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint32_t, Ref> m_memo;
};

} // namespace

std::vector<PickledTensor> parseStateDictPickle(const std::uint8_t *data, std::size_t size, const std::string &where)
{
    return Unpickler(data, size, where).run();
}

namespace {

/// Appends pickle opcodes to a byte string.
class PickleOut
{
public:
    std::string bytes;

    void op(char c) { bytes += c; }
    void str(const std::string &s)
    {
        op('X'); // BINUNICODE
        appendLE(std::uint32_t(s.size()));
        bytes += s;
    }
    void global(const std::string &module, const std::string &name) { bytes += "c" + module + "\n" + name + "\n"; }
    void integer(std::int64_t v)
    {
        if (v >= 0 && v < 256) {
            op('K'); // BININT1
            bytes += char(v);
        } else if (v >= 0 && v < 65536) {
            op('M'); // BININT2
            appendLE(std::uint16_t(v));
        } else if (v >= INT32_MIN && v <= INT32_MAX) {
            op('J'); // BININT
            appendLE(std::int32_t(v));
        } else {
            op('\x8a'); // LONG1, 8 bytes little-endian two's complement
            bytes += char(8);
            appendLE(v);
        }
    }
    void intTuple(const std::vector<std::int64_t> &v)
    {
        op('(');
        for (std::int64_t x : v)
            integer(x);
        op('t');
    }

private:
    template <typename T> void appendLE(T v) { bytes.append(reinterpret_cast<const char *>(&v), sizeof v); }
};

const char *storageTypeName(DType d)
{
    switch (d) {
    case DType::F32: return "FloatStorage";
    case DType::F16: return "HalfStorage";
    case DType::BF16: return "BFloat16Storage";
    case DType::F64: return "DoubleStorage";
    case DType::I64: return "LongStorage";
    case DType::I32: return "IntStorage";
    case DType::U8: return "ByteStorage";
    case DType::I8: return "CharStorage";
    case DType::Bool: return "BoolStorage";
    }
    return "FloatStorage";
}

} // namespace

std::string writeStateDictPickle(const std::vector<PickledTensor> &tensors)
{
    PickleOut p;
    p.op('\x80'); // PROTO 2
    p.op('\x02');
    p.global("collections", "OrderedDict");
    p.op(')'); // OrderedDict()
    p.op('R');
    p.op('('); // MARK for SETITEMS
    for (const PickledTensor &t : tensors) {
        p.str(t.name);
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.op('(');
        p.op('('); // persistent id tuple
        p.str("storage");
        p.global("torch", storageTypeName(t.storageDtype));
        p.str(t.storageKey);
        p.str("cpu");
        p.integer(t.storageNumel);
        p.op('t');
        p.op('Q'); // BINPERSID
        p.integer(t.storageOffset);
        p.intTuple(t.sizes);
        p.intTuple(t.strides);
        p.op('\x89'); // requires_grad=False
        p.global("collections", "OrderedDict");
        p.op(')'); // backward_hooks = OrderedDict()
        p.op('R');
        p.op('t');
        p.op('R'); // _rebuild_tensor_v2(...)
    }
    p.op('u'); // SETITEMS
    p.op('.'); // STOP
    return p.bytes;
}

} // namespace florence::io
