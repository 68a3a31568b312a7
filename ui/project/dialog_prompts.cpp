#include "project/dialog_prompts.h"

#include "project/dataset_dialogs.h"
#include "project/project_io.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace florence::ui {

DialogPrompts::DialogPrompts(QWidget *parent)
    : m_parent(parent)
{
}

void DialogPrompts::warning(const QString &title, const QString &text)
{
    QMessageBox::warning(m_parent, title, text);
}

QString DialogPrompts::chooseProjectLocation(const QString &failedPath, const QString &reason)
{
    QMessageBox box(QMessageBox::Warning, tr("Project not saved"), reason, QMessageBox::NoButton, m_parent);
    QPushButton *choose = box.addButton(tr("Choose Location…"), QMessageBox::AcceptRole);
    box.addButton(tr("Keep in Memory"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != choose)
        return QString();
    const QString suggestion = failedPath.isEmpty() ? QDir::home().filePath(QString::fromLatin1(kProjectFileName))
                                                    : QDir::home().filePath(QFileInfo(failedPath).fileName());
    return QFileDialog::getSaveFileName(m_parent, tr("Save Project As"), suggestion,
                                        tr("Florence Studio projects (*.json)"));
}

ImportMode DialogPrompts::askImportMode(int images)
{
    QMessageBox box(QMessageBox::Question, tr("Import"),
                    tr("%n image(s) already have annotations. Add the imported annotations to them, or replace "
                       "theirs?",
                       nullptr, images),
                    QMessageBox::NoButton, m_parent);
    QPushButton *add = box.addButton(tr("Add"), QMessageBox::AcceptRole);
    QPushButton *replace = box.addButton(tr("Replace"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(add);
    box.exec();
    if (box.clickedButton() == add)
        return ImportMode::Add;
    if (box.clickedButton() == replace)
        return ImportMode::Replace;
    return ImportMode::Cancel;
}

void DialogPrompts::report(const QString &title, const QString &text, const QString &details)
{
    showSummaryDialog(m_parent, title, text, details);
}

} // namespace florence::ui
