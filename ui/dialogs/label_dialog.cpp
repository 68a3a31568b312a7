#include "dialogs/label_dialog.h"

#include "label_colors.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace florence::ui {

LabelDialog::LabelDialog(const QStringList &knownLabels, QWidget *parent)
    : QDialog(parent)
    , m_prompt(new QLabel(tr("Label:"), this))
    , m_edit(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Change Label"));
    auto *completer = new QCompleter(knownLabels, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_edit->setCompleter(completer);
    m_edit->setClearButtonEnabled(true);
    for (const QString &label : knownLabels) {
        QPixmap dot(12, 12);
        dot.fill(labelColor(label));
        m_list->addItem(new QListWidgetItem(QIcon(dot), label));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addWidget(m_edit);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { m_edit->setText(item->text()); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        m_edit->setText(item->text());
        accept();
    });
    // Typing (not setLabel) filters the list of known labels.
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setHidden(!m_list->item(i)->text().contains(text.trimmed(), Qt::CaseInsensitive));
    });
    m_edit->setFocus();
    resize(320, 360);
}

void LabelDialog::setPrompt(const QString &text)
{
    m_prompt->setText(text);
}

void LabelDialog::setLabel(const QString &label)
{
    m_edit->setText(label);
    m_edit->selectAll();
}

QString LabelDialog::label() const
{
    return m_edit->text().trimmed();
}

} // namespace florence::ui
