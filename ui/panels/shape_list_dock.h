#pragma once
// The shape list (labelme's "polygon labels" dock): every shape of the current image with label,
// kind, source, score, review state and text. Clicking a row selects the shape on the canvas and
// centres it; the selection follows the canvas both ways; rows filter by state, source and label
// and sort by any column (score sorts numerically).

#include "annotate/review.h"
#include "document/document.h"

#include <QDockWidget>

#include <optional>

class QComboBox;
class QLineEdit;
class QTableWidget;

namespace florence::ui {

class CanvasScene;
class CanvasView;

class ShapeListDock : public QDockWidget
{
    Q_OBJECT

public:
    enum Column { LabelColumn, KindColumn, SourceColumn, ScoreColumn, StateColumn, TextColumn, ColumnCount };

    ShapeListDock(Document *document, CanvasScene *scene, CanvasView *view, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QComboBox *stateFilter() const { return m_state; }
    QComboBox *sourceFilter() const { return m_source; }
    QLineEdit *labelFilter() const { return m_label; }
    /// The shape id a row shows.
    ShapeId idAt(int row) const;

private:
    void rebuild();
    void onRowsSelected();
    void onSceneSelection();
    void refreshSources();
    bool passesFilter(const Shape &shape, std::optional<SuggestionDiff> diff) const;

    Document *m_document;
    CanvasScene *m_scene;
    CanvasView *m_view;
    QComboBox *m_state;
    QComboBox *m_source;
    QLineEdit *m_label;
    QTableWidget *m_table;
    bool m_syncing = false;
};

} // namespace florence::ui
