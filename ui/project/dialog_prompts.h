#pragma once
// The Prompts of a running application: questions and warnings as message boxes and file dialogs.

#include "project/prompts.h"

#include <QCoreApplication>

class QWidget;

namespace florence::ui {

/// Prompts answered with message boxes and file dialogs parented to a window.
class DialogPrompts : public Prompts
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::DialogPrompts)

public:
    explicit DialogPrompts(QWidget *parent);

    void warning(const QString &title, const QString &text) override;
    QString chooseProjectLocation(const QString &failedPath, const QString &reason) override;
    ImportMode askImportMode(int images) override;
    void report(const QString &title, const QString &text, const QString &details) override;

private:
    QWidget *m_parent;
};

} // namespace florence::ui
