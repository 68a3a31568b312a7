#include "model/weights.h"

#include "common/error.h"
#include "model/parameters.h"

namespace florence {

std::string shapeString(at::IntArrayRef shape)
{
    return shapeToString(shape.vec());
}

WeightReader::WeightReader(const StateDict &weights, RunOptions run)
    : m_weights(weights)
    , m_run(run)
{
}

const at::Tensor &WeightReader::check(const std::string &key, const std::vector<std::int64_t> &shape)
{
    const auto it = m_weights.find(key);
    if (it == m_weights.end())
        throw Error(ErrorKind::ModelFormat, "checkpoint key '" + key + "' is missing (expected shape "
                                                + shapeString(shape) + ")");
    const at::Tensor &t = it->second;
    if (!t.defined() || !at::isFloatingType(t.scalar_type()))
        throw Error(ErrorKind::ModelFormat, "checkpoint key '" + key + "' is not a floating-point tensor (got "
                                                + std::string(t.defined() ? c10::toString(t.scalar_type()) : "undefined")
                                                + ")");
    if (t.sizes() != at::IntArrayRef(shape))
        throw Error(ErrorKind::ModelFormat, "checkpoint key '" + key + "' has shape " + shapeString(t.sizes())
                                                + ", expected " + shapeString(shape));
    m_used.insert(key);
    return t;
}

at::Tensor WeightReader::take(const std::string &key, std::vector<std::int64_t> shape)
{
    const at::Tensor &t = check(key, shape);
    return t.to(m_run.device, m_run.dtype).contiguous();
}

at::Tensor WeightReader::takeFloat(const std::string &key, std::vector<std::int64_t> shape)
{
    const at::Tensor &t = check(key, shape);
    return t.to(m_run.device, at::kFloat).contiguous();
}

std::vector<std::string> WeightReader::unusedKeys() const
{
    std::vector<std::string> out;
    for (const auto &kv : m_weights)
        if (!m_used.count(kv.first))
            out.push_back(kv.first);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace florence
