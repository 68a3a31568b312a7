#pragma once
// The review workflow over the document's pending suggestions: accept / reject (the selection, or
// everything of an image by the threshold), the keyboard walk through the project's review queue
// (next / previous suggestion jumps to its image and zooms to it), and the jumps to the next image
// with suggestions, without annotations or not yet reviewed. MainWindow owns one and binds its
// actions to these slots; the logic lives here so that it is testable without the window.
//
// Design note: after accepting or rejecting the shape the queue walk stands on, the walk moves on
// to the suggestion that followed it, so reviewing is one key per suggestion (Enter / Backspace).

#include "annotate/review.h"
#include "document/document.h"

#include <QObject>

#include <functional>

namespace florence::ui {

class CanvasScene;
class CanvasView;

class ReviewController : public QObject
{
    Q_OBJECT

public:
    /// `showImage` makes the window show a document image (MainWindow::showImage).
    ReviewController(Document *document, CanvasScene *scene, CanvasView *view, std::function<void(int)> showImage,
                     QObject *parent = nullptr);

    /// Order of the queue walk (saved by the window in its settings).
    QueueOrder order() const { return m_order; }
    void setOrder(QueueOrder order) { m_order = order; }

    /// Accepts the selected pending shapes, then moves to the next suggestion. False when none was selected.
    bool acceptSelected();
    /// Rejects the selected pending shapes, then moves to the next suggestion.
    bool rejectSelected();
    /// On the current image: accepts the suggestions scoring >= the document's score threshold, rejects the rest.
    bool acceptAboveThreshold();
    /// Rejects every suggestion of the current image.
    bool rejectAllOnImage();

    /// Selects the next / previous suggestion of the queue after / before the selected one (the first /
    /// last when none is selected), showing its image and zooming to it. False at the end of the queue.
    bool nextSuggestion();
    bool previousSuggestion();
    /// Shows shape `id` of `image`: switches image, selects it alone and zooms so that it is well visible.
    void focusShape(int image, ShapeId id);

    /// Which images the "next image" jumps look for.
    enum class ImageFilter { WithSuggestions, WithoutAnnotations, NotReviewed };
    /// Shows the first image after the current one (wrapping around) that matches; false when none does.
    bool nextImage(ImageFilter filter);

    /// "12 suggestions to review (3 on this image)", or "" when there are none.
    QString statusText() const;

Q_SIGNALS:
    /// A short message for the status bar ("No more suggestions").
    void message(const QString &text);

private:
    int currentImage() const;
    /// Queue position of the selected pending shape (the last in document order), -1 when none.
    int selectedQueuePosition(const std::vector<QueueItem> &queue) const;
    /// Applies accept or reject to the selection and walks on.
    bool reviewSelection(bool accept);

    Document *m_document;
    CanvasScene *m_scene;
    CanvasView *m_view;
    std::function<void(int)> m_showImage;
    QueueOrder m_order = QueueOrder::LowestScore;
};

} // namespace florence::ui
