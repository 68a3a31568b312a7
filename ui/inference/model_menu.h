#pragma once
// The Model menu and the model line: Choose Model (the picker of every model found), Choose Model
// Folder, Download, Model Settings, Reload, Model Information, Fine-tune, Run Task and Cancel Run,
// and the status-bar/Model-panel line saying which model is loaded. The menu only asks;
// ModelSession loads, runs and cancels.

#include "pipeline.h"

#include <QObject>
#include <QString>

class QLabel;
class QMenu;
class QWidget;

namespace florence::ui {

class InferenceController;
class TaskDock;

/// The Model menu's actions and dialogs, and the model status line.
class ModelMenu : public QObject
{
    Q_OBJECT

public:
    /// Inserts the actions into `menu` (before its first action, the help entry); dialogs are
    /// parented to `window`; `statusLabel` is the status-bar model line, mirrored in `taskDock`.
    ModelMenu(QMenu *menu, QWidget *window, InferenceController *controller, QLabel *statusLabel, TaskDock *taskDock);

    /// Asks for a model folder (file dialog) and requests loading it.
    void chooseModelFolder();
    /// The model picker (ModelPickerDialog); requests loading the chosen model.
    void chooseModel();
    /// The download dialog (DownloadDialog); Load in it requests loading the downloaded model.
    void showDownload();
    /// Status-line text of the model state (plain text, links removed).
    QString modelStatusText() const;

Q_SIGNALS:
    void loadRequested(const QString &dir);
    /// Model Settings was accepted with these options.
    void optionsChosen(const florence::PipelineOptions &options);
    void runRequested();
    void cancelRequested();
    /// Model ▸ Fine-tune… was chosen.
    void fineTuneRequested();

private:
    void createActions(QMenu *menu);
    void showModelSettings();
    void showModelInfo();
    void updateModelStatus();

    QWidget *m_window;
    InferenceController *m_controller;
    QLabel *m_statusLabel;
    TaskDock *m_taskDock;
};

} // namespace florence::ui
