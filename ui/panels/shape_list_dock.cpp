#include "panels/shape_list_dock.h"

#include "annotate/review.h"
#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "canvas/items/shape_item.h"
#include "convert.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;

/// Translated name of a shape's kind for the Kind column.
QString kindName(ShapeKind kind)
{
    switch (kind) {
    case ShapeKind::Box: return ShapeListDock::tr("box");
    case ShapeKind::Quad: return ShapeListDock::tr("quad");
    case ShapeKind::Polygon: return ShapeListDock::tr("polygon");
    }
    return QString();
}

/// Sorts by kSortRole when set (scores as numbers; no score below every score).
class SortItem : public QTableWidgetItem
{
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem &other) const override
    {
        const QVariant a = data(kSortRole), b = other.data(kSortRole);
        if (a.isValid() && b.isValid())
            return a.toDouble() < b.toDouble();
        return QTableWidgetItem::operator<(other);
    }
};

/// State filter values (the combo's item data).
enum StateFilter { AllStates, Suggestions, Accepted, NewOnes, Duplicates, Conflicts, Missed, ByHand };

} // namespace

ShapeListDock::ShapeListDock(Document *document, CanvasScene *scene, CanvasView *view, QWidget *parent)
    : QDockWidget(tr("Shapes"), parent)
    , m_document(document)
    , m_scene(scene)
    , m_view(view)
{
    setObjectName(QStringLiteral("ShapeListDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *filters = new QHBoxLayout;
    m_state = new QComboBox(body);
    m_state->setObjectName(QStringLiteral("shapeStateFilter"));
    const std::pair<StateFilter, QString> states[] = {
        {AllStates, tr("All shapes")},       {Suggestions, tr("Suggestions")},
        {Accepted, tr("Accepted")},          {NewOnes, tr("New suggestions")},
        {Duplicates, tr("Duplicates")},      {Conflicts, tr("Label conflicts")},
        {Missed, tr("Not found by model")},  {ByHand, tr("Drawn by hand")},
    };
    for (const auto &[value, text] : states)
        m_state->addItem(text, int(value));
    m_source = new QComboBox(body);
    m_source->setObjectName(QStringLiteral("shapeSourceFilter"));
    m_source->setToolTip(tr("Show only shapes from one model"));
    m_label = new QLineEdit(body);
    m_label->setObjectName(QStringLiteral("shapeLabelFilter"));
    m_label->setPlaceholderText(tr("Filter by label"));
    m_label->setClearButtonEnabled(true);
    filters->addWidget(m_state);
    filters->addWidget(m_source);
    layout->addLayout(filters);
    layout->addWidget(m_label);
    m_table = new QTableWidget(0, ColumnCount, body);
    m_table->setObjectName(QStringLiteral("shapeTable"));
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Kind"), tr("Source"), tr("Score"), tr("State"), tr("Text")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // document order until the user sorts
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);
    setWidget(body);

    const auto refresh = [this](int image) {
        if (image == m_scene->imageIndex())
            rebuild();
    };
    connect(document, &Document::shapesChanged, this, [this, refresh](int image) {
        refreshSources(); // models come and go with shapes, never with edits (a drag modifies on every move)
        refresh(image);
    });
    connect(document, &Document::shapesModified, this, [refresh](int image, const QVector<ShapeId> &) { refresh(image); });
    connect(document, &Document::documentReset, this, [this] {
        refreshSources();
        rebuild();
    });
    connect(document, &Document::imageTouched, this, refresh);
    connect(scene, &CanvasScene::selectedIdsChanged, this, &ShapeListDock::onSceneSelection);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ShapeListDock::onRowsSelected);
    connect(m_state, &QComboBox::currentIndexChanged, this, &ShapeListDock::rebuild);
    connect(m_source, &QComboBox::currentIndexChanged, this, &ShapeListDock::rebuild);
    connect(m_label, &QLineEdit::textChanged, this, &ShapeListDock::rebuild);
    // The scene switches images without a document signal: follow its item rebuilds via selection.
    connect(scene, &CanvasScene::imageIndexChanged, this, &ShapeListDock::rebuild);
}

ShapeId ShapeListDock::idAt(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, LabelColumn);
    return item ? item->data(kIdRole).toULongLong() : 0;
}

bool ShapeListDock::passesFilter(const Shape &shape, std::optional<SuggestionDiff> diff) const
{
    const QString label = m_label->text().trimmed();
    if (!label.isEmpty() && !toQt(shape.label).contains(label, Qt::CaseInsensitive))
        return false;
    const QString model = m_source->currentData().toString();
    if (!model.isEmpty() && toQt(shape.provenance.model) != model)
        return false;
    switch (StateFilter(m_state->currentData().toInt())) {
    case AllStates: return true;
    case Suggestions: return shape.pending;
    case Accepted: return !shape.pending;
    case NewOnes: return diff == SuggestionDiff::New;
    case Duplicates: return diff == SuggestionDiff::Duplicate;
    case Conflicts: return diff == SuggestionDiff::LabelConflict;
    case Missed: return diff == SuggestionDiff::Missed;
    case ByHand: return shape.origin == kManualOrigin;
    }
    return true;
}

void ShapeListDock::refreshSources()
{
    // The models seen in this project's shapes, for the source filter.
    QSignalBlocker block(m_source);
    const QString current = m_source->currentData().toString();
    QStringList models;
    for (int i = 0; i < m_document->imageCount(); ++i)
        for (const Shape &s : m_document->image(i).shapes)
            if (!s.provenance.model.empty() && !models.contains(toQt(s.provenance.model)))
                models << toQt(s.provenance.model);
    models.sort();
    m_source->clear();
    m_source->addItem(tr("Any source"), QString());
    for (const QString &m : models)
        m_source->addItem(m, m);
    m_source->setCurrentIndex(std::max(0, m_source->findData(current)));
    m_source->setVisible(!models.isEmpty());
}

void ShapeListDock::rebuild()
{
    const int image = m_scene->imageIndex();
    m_syncing = true;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    if (image >= 0) {
        const ImageRecord &record = m_document->image(image);
        const std::vector<ShapeId> &ids = m_document->shapeIds(image);
        // Per shape: its diff category (New for a suggestion overlapping nothing), none for an
        // accepted shape that some suggestion found.
        std::vector<std::optional<SuggestionDiff>> diffs(record.shapes.size());
        for (std::size_t i = 0; i < record.shapes.size(); ++i)
            if (record.shapes[i].pending)
                diffs[i] = SuggestionDiff::New;
        for (const DiffEntry &e : diffSuggestions(record.shapes))
            diffs[e.shape] = e.kind;
        for (std::size_t i = 0; i < record.shapes.size(); ++i) {
            const Shape &s = record.shapes[i];
            if (!passesFilter(s, diffs[i]))
                continue;
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            auto *label = new SortItem(s.label.empty() ? tr("(no label)") : toQt(s.label));
            label->setData(kIdRole, QVariant::fromValue<qulonglong>(ids[i]));
            label->setToolTip(ShapeItem::describe(s));
            m_table->setItem(row, LabelColumn, label);
            m_table->setItem(row, KindColumn, new SortItem(kindName(s.kind)));
            QString source = s.origin == kManualOrigin ? tr("by hand") : toQt(s.origin);
            if (!s.provenance.model.empty())
                source += QStringLiteral(" · ") + toQt(s.provenance.model);
            if (s.provenance.edited)
                source += QStringLiteral(" · ") + tr("edited");
            m_table->setItem(row, SourceColumn, new SortItem(source));
            auto *score = new SortItem(s.score ? QLocale().toString(*s.score, 'f', 3) : QString());
            score->setData(kSortRole, s.score ? *s.score : -1.0);
            score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, ScoreColumn, score);
            const QString word = !diffs[i] ? tr("accepted")
                                 : *diffs[i] == SuggestionDiff::New ? tr("new")
                                                                   : CanvasScene::diffMark(*diffs[i]);
            auto *state = new SortItem(s.pending ? tr("suggestion, %1").arg(word) : word);
            m_table->setItem(row, StateColumn, state);
            m_table->setItem(row, TextColumn, new SortItem(toQt(s.text).simplified()));
        }
    }
    m_table->setSortingEnabled(true);
    m_syncing = false;
    onSceneSelection();
    setWindowTitle(image >= 0 ? tr("Shapes (%1)").arg(m_document->image(image).shapes.size()) : tr("Shapes"));
}

void ShapeListDock::onRowsSelected()
{
    if (m_syncing)
        return;
    QVector<ShapeId> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids << idAt(index.row());
    m_syncing = true;
    m_scene->selectIds(ids);
    m_syncing = false;
    if (ids.size() == 1)
        if (const Shape *s = m_document->shape(m_scene->imageIndex(), ids.front())) {
            const Box b = s->boundingBox().normalized();
            m_view->showRect(QRectF(QPointF(b.x1, b.y1), QPointF(b.x2, b.y2)));
        }
}

void ShapeListDock::onSceneSelection()
{
    if (m_syncing)
        return;
    const QVector<ShapeId> selected = m_scene->selectedIds();
    m_syncing = true;
    m_table->clearSelection();
    int last = -1;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (selected.contains(idAt(row))) {
            m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
            last = row;
        }
    if (last >= 0)
        m_table->scrollToItem(m_table->item(last, 0));
    m_syncing = false;
}

} // namespace florence::ui
