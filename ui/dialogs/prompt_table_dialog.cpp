#include "dialogs/prompt_table_dialog.h"

#include "convert.h"
#include "inference/task_names.h"
#include "tasks/task.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

/// Label cells complete from the project's labels.
class LabelDelegate : public QStyledItemDelegate
{
public:
    LabelDelegate(QStringList labels, QObject *parent) : QStyledItemDelegate(parent), m_labels(std::move(labels)) {}
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            auto *completer = new QCompleter(m_labels, line);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            line->setCompleter(completer);
        }
        return editor;
    }

private:
    QStringList m_labels;
};

const Task kTableTasks[] = {Task::OpenVocabularyDetection, Task::CaptionToPhraseGrounding,
                            Task::ReferringExpressionSegmentation};

} // namespace

PromptTableDialog::PromptTableDialog(const PromptTable &table, const QStringList &labels, QWidget *parent)
    : QDialog(parent)
    , m_labels(labels)
{
    setWindowTitle(tr("Prompt → Label Table"));
    setObjectName(QStringLiteral("PromptTableDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Each row runs the task once with its prompt; what the model finds gets the row's "
                                "label (empty: keep the model's words)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *taskRow = new QHBoxLayout;
    taskRow->addWidget(new QLabel(tr("Task:"), this));
    m_task = new QComboBox(this);
    for (Task t : kTableTasks)
        m_task->addItem(taskName(t), QString::fromLatin1(taskInfo(t).token));
    m_task->setCurrentIndex(std::max(0, m_task->findData(toQt(table.task))));
    taskRow->addWidget(m_task, 1);
    layout->addLayout(taskRow);
    m_rows = new QTableWidget(0, 2, this);
    m_rows->setObjectName(QStringLiteral("promptRows"));
    m_rows->setHorizontalHeaderLabels({tr("Prompt"), tr("Label")});
    m_rows->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_rows->verticalHeader()->setDefaultSectionSize(m_rows->fontMetrics().height() + 8);
    m_rows->setItemDelegateForColumn(1, new LabelDelegate(labels, m_rows));
    for (const PromptLabel &row : table.rows)
        addRow(toQt(row.prompt), toQt(row.label));
    if (table.rows.empty())
        addRow();
    layout->addWidget(m_rows, 1);
    auto *edit = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add Row"), this);
    auto *remove = new QPushButton(tr("&Remove Row"), this);
    edit->addWidget(add);
    edit->addWidget(remove);
    edit->addStretch(1);
    layout->addLayout(edit);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_rows->editItem(m_rows->item(m_rows->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_rows->currentRow();
        if (row >= 0)
            m_rows->removeRow(row);
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    QPushButton *run = buttons->addButton(tr("Save and &Run on This Image"), QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("runButton"));
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, [this] { finish(false); });
    connect(run, &QPushButton::clicked, this, [this] { finish(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 380);
}

void PromptTableDialog::addRow(const QString &prompt, const QString &label)
{
    const int row = m_rows->rowCount();
    m_rows->insertRow(row);
    m_rows->setItem(row, 0, new QTableWidgetItem(prompt));
    m_rows->setItem(row, 1, new QTableWidgetItem(label));
}

PromptTable PromptTableDialog::table() const
{
    PromptTable t;
    t.task = toStd(m_task->currentData().toString());
    for (int row = 0; row < m_rows->rowCount(); ++row) {
        const QString prompt = m_rows->item(row, 0) ? m_rows->item(row, 0)->text().trimmed() : QString();
        const QString label = m_rows->item(row, 1) ? m_rows->item(row, 1)->text().trimmed() : QString();
        if (!prompt.isEmpty())
            t.rows.push_back(PromptLabel{toStd(prompt), toStd(label)});
    }
    return t;
}

QString PromptTableDialog::problem() const
{
    QSet<QString> seen;
    int row = 0;
    for (const PromptLabel &r : table().rows) {
        ++row;
        if (seen.contains(toQt(r.prompt)))
            return tr("Row %1 repeats the prompt “%2”.").arg(row).arg(toQt(r.prompt));
        seen.insert(toQt(r.prompt));
    }
    return {};
}

void PromptTableDialog::finish(bool run)
{
    if (const QString p = problem(); !p.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), p);
        return;
    }
    m_run = run;
    accept();
}

} // namespace florence::ui
