#include "panels/text_dock.h"

#include "convert.h"
#include "document/commands/image_commands.h"
#include "document/commands/shape_commands.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace florence::ui {

TextDock::TextDock(Document *document, QWidget *parent)
    : QDockWidget(tr("Captions and Text"), parent)
    , m_document(document)
    , m_captions(new QListWidget(this))
    , m_addCaption(new QPushButton(tr("Add Caption"), this))
    , m_removeCaption(new QPushButton(tr("Delete"), this))
    , m_shapeLabel(new QLabel(this))
    , m_changeLabel(new QPushButton(tr("Change…"), this))
    , m_shapeText(new QLineEdit(this))
{
    setObjectName(QStringLiteral("TextDock"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *captionsBox = new QGroupBox(tr("Image captions"), content);
    auto *captionsLayout = new QVBoxLayout(captionsBox);
    m_captions->setWordWrap(true);
    m_captions->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                | QAbstractItemView::SelectedClicked);
    m_captions->setToolTip(tr("Double-click a caption to edit it"));
    captionsLayout->addWidget(m_captions);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addCaption);
    buttons->addWidget(m_removeCaption);
    buttons->addStretch();
    captionsLayout->addLayout(buttons);
    layout->addWidget(captionsBox, 1);

    auto *shapeBox = new QGroupBox(tr("Selected shape"), content);
    auto *form = new QFormLayout(shapeBox);
    auto *labelRow = new QHBoxLayout;
    labelRow->addWidget(m_shapeLabel, 1);
    labelRow->addWidget(m_changeLabel);
    form->addRow(tr("Label:"), labelRow);
    m_shapeText->setPlaceholderText(tr("OCR text or description"));
    m_shapeText->setClearButtonEnabled(true);
    form->addRow(tr("Text:"), m_shapeText);
    layout->addWidget(shapeBox);
    setWidget(content);

    connect(m_addCaption, &QPushButton::clicked, this, [this] {
        addCaption(tr("New caption"));
        m_captions->setCurrentRow(m_captions->count() - 1);
        m_captions->editItem(m_captions->currentItem());
    });
    connect(m_removeCaption, &QPushButton::clicked, this, [this] { removeCaption(m_captions->currentRow()); });
    connect(m_captions, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!m_refreshing)
            editCaption(m_captions->row(item), item->text());
    });
    connect(m_changeLabel, &QPushButton::clicked, this, &TextDock::changeLabelRequested);
    connect(m_shapeText, &QLineEdit::editingFinished, this, &TextDock::commitShapeText);
    connect(document, &Document::captionsChanged, this, [this](int image) {
        if (image == m_image)
            refreshCaptions();
    });
    connect(document, &Document::shapesModified, this, [this](int image) {
        if (image == m_image)
            refreshShape();
    });
    connect(document, &Document::documentReset, this, [this] { setImage(-1); });
    setImage(-1);
}

void TextDock::setImage(int image)
{
    if (image != m_image && m_image >= 0 && m_image < m_document->imageCount())
        commitShapeText(); // a pending edit belongs to the image being left
    m_image = image;
    m_selection.clear();
    refreshCaptions();
    refreshShape();
}

void TextDock::setSelection(const QVector<ShapeId> &ids)
{
    commitShapeText(); // a pending edit belongs to the previous selection
    m_selection = ids;
    refreshShape();
}

void TextDock::refreshCaptions()
{
    // Updated in place: this runs inside QListWidget::itemChanged of an edited item, which must not
    // be deleted under its own signal.
    m_refreshing = true;
    const std::vector<Caption> captions = m_image >= 0 ? m_document->image(m_image).captions : std::vector<Caption>();
    while (m_captions->count() > int(captions.size()))
        delete m_captions->takeItem(m_captions->count() - 1);
    for (std::size_t i = 0; i < captions.size(); ++i) {
        QListWidgetItem *item = int(i) < m_captions->count() ? m_captions->item(int(i)) : nullptr;
        if (!item) {
            item = new QListWidgetItem(m_captions);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
        if (item->text() != toQt(captions[i].text))
            item->setText(toQt(captions[i].text));
        item->setToolTip(captions[i].origin == kManualOrigin ? tr("Written by hand")
                                                             : tr("From the model task %1").arg(toQt(captions[i].origin)));
    }
    m_addCaption->setEnabled(m_image >= 0);
    m_removeCaption->setEnabled(m_captions->count() > 0);
    m_refreshing = false;
}

void TextDock::refreshShape()
{
    const Shape *shape = m_image >= 0 && m_selection.size() == 1 ? m_document->shape(m_image, m_selection.first()) : nullptr;
    m_changeLabel->setEnabled(m_image >= 0 && !m_selection.isEmpty());
    m_shapeText->setEnabled(shape != nullptr);
    if (!shape) {
        m_shapeLabel->setText(m_selection.size() > 1 ? tr("%n shapes selected", nullptr, int(m_selection.size()))
                                                     : tr("No shape selected"));
        m_shapeText->clear();
        return;
    }
    QString label = toQt(shape->label);
    if (label.isEmpty())
        label = tr("(no label)");
    if (shape->score)
        label += QStringLiteral("  ·  ") + tr("score %1").arg(QLocale().toString(*shape->score, 'f', 2));
    m_shapeLabel->setText(label);
    if (!m_shapeText->hasFocus() || m_shapeText->text() == toQt(shape->text))
        m_shapeText->setText(toQt(shape->text));
}

void TextDock::commitShapeText()
{
    if (m_image < 0 || m_selection.size() != 1)
        return;
    const Shape *shape = m_document->shape(m_image, m_selection.first());
    if (!shape || toQt(shape->text) == m_shapeText->text())
        return;
    m_document->undoStack()->push(new SetShapeText(m_document, m_image, m_selection, m_shapeText->text()));
}

void TextDock::addCaption(const QString &text)
{
    if (m_image < 0)
        return;
    std::vector<Caption> captions = m_document->image(m_image).captions;
    captions.push_back(Caption{toStd(text), kManualOrigin});
    m_document->undoStack()->push(new SetCaptions(m_document, m_image, std::move(captions), tr("Add caption")));
}

void TextDock::editCaption(int row, const QString &text)
{
    if (m_image < 0)
        return;
    std::vector<Caption> captions = m_document->image(m_image).captions;
    if (row < 0 || row >= int(captions.size()) || captions[std::size_t(row)].text == toStd(text))
        return;
    captions[std::size_t(row)].text = toStd(text);
    m_document->undoStack()->push(new SetCaptions(m_document, m_image, std::move(captions), tr("Edit caption")));
}

void TextDock::removeCaption(int row)
{
    if (m_image < 0)
        return;
    std::vector<Caption> captions = m_document->image(m_image).captions;
    if (row < 0 || row >= int(captions.size()))
        return;
    captions.erase(captions.begin() + row);
    m_document->undoStack()->push(new SetCaptions(m_document, m_image, std::move(captions), tr("Delete caption")));
}

} // namespace florence::ui
