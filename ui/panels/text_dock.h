#pragma once
// The text dock: image-level captions of the current image, and the text of the selected shape.

#include "document/document.h"

#include <QDockWidget>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QLabel;

namespace florence::ui {

/// Dock editing the captions of the current image (each edit one undoable step) and the label and
/// text of the one selected shape (OCR transcription, region description).
class TextDock : public QDockWidget
{
    Q_OBJECT

public:
    TextDock(Document *document, QWidget *parent = nullptr);

    /// Shows image `image` (-1: none).
    void setImage(int image);
    /// Shows the shape selection of the canvas.
    void setSelection(const QVector<ShapeId> &ids);

    QListWidget *captionList() const { return m_captions; }
    QLineEdit *shapeTextEdit() const { return m_shapeText; }

    /// Adds a caption to the current image (one undo step).
    void addCaption(const QString &text);
    /// Replaces the text of caption `row` (one undo step; nothing when unchanged).
    void editCaption(int row, const QString &text);
    /// Deletes caption `row` (one undo step).
    void removeCaption(int row);

Q_SIGNALS:
    /// The user asked to change the label of the selected shape.
    void changeLabelRequested();

private:
    void refreshCaptions();
    void refreshShape();
    void commitShapeText();

    Document *m_document;
    int m_image = -1;
    QVector<ShapeId> m_selection;
    QListWidget *m_captions;
    QPushButton *m_addCaption;
    QPushButton *m_removeCaption;
    QLabel *m_shapeLabel;
    QPushButton *m_changeLabel;
    QLineEdit *m_shapeText;
    bool m_refreshing = false;
};

} // namespace florence::ui
