#include "inference/model_menu.h"

#include "common/error_text.h"
#include "convert.h"
#include "dialogs/download_dialog.h"
#include "dialogs/model_picker_dialog.h"
#include "dialogs/model_settings_dialog.h"
#include "inference/inference_controller.h"
#include "inference/model_finder.h"
#include "inference/model_settings.h"
#include "panels/task_dock.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QTextDocument>

namespace florence::ui {

namespace {

QString deviceName(const std::string &device)
{
    return device == "cuda" ? ModelMenu::tr("CUDA") : ModelMenu::tr("CPU");
}

} // namespace

ModelMenu::ModelMenu(QMenu *menu, QWidget *window, InferenceController *controller, QLabel *statusLabel,
                     TaskDock *taskDock)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_statusLabel(statusLabel)
    , m_taskDock(taskDock)
{
    m_statusLabel->setTextFormat(Qt::RichText);
    connect(m_statusLabel, &QLabel::linkActivated, this, &ModelMenu::chooseModelFolder);
    connect(m_controller, &InferenceController::modelStateChanged, this, &ModelMenu::updateModelStatus);
    createActions(menu);
    updateModelStatus();
}

void ModelMenu::createActions(QMenu *menu)
{
    QAction *help = menu->actions().isEmpty() ? nullptr : menu->actions().first();
    auto *choose = new QAction(QIcon(QStringLiteral(":/icons/model.svg")), tr("&Choose Model Folder…"), m_window);
    choose->setObjectName(QStringLiteral("actionChooseModel"));
    connect(choose, &QAction::triggered, this, &ModelMenu::chooseModelFolder);
    auto *picker = new QAction(tr("Choose &Model…"), m_window);
    picker->setObjectName(QStringLiteral("actionModelPicker"));
    picker->setToolTip(tr("Every Florence-2 model in the Hugging Face cache and in your folders"));
    connect(picker, &QAction::triggered, this, &ModelMenu::chooseModel);
    auto *download = new QAction(tr("&Download Model…"), m_window);
    download->setObjectName(QStringLiteral("actionDownloadModel"));
    connect(download, &QAction::triggered, this, &ModelMenu::showDownload);
    auto *fineTune = new QAction(tr("&Fine-tune…"), m_window);
    fineTune->setObjectName(QStringLiteral("actionFineTune"));
    fineTune->setToolTip(tr("Train the loaded model on this project's reviewed annotations"));
    connect(fineTune, &QAction::triggered, this, &ModelMenu::fineTuneRequested);
    auto *settings = new QAction(tr("Model &Settings…"), m_window);
    settings->setObjectName(QStringLiteral("actionModelSettings"));
    connect(settings, &QAction::triggered, this, &ModelMenu::showModelSettings);
    auto *reload = new QAction(tr("R&eload Model"), m_window);
    reload->setObjectName(QStringLiteral("actionReloadModel"));
    connect(reload, &QAction::triggered, this, [this] {
        if (!m_controller->modelDir().isEmpty())
            Q_EMIT loadRequested(m_controller->modelDir());
    });
    auto *info = new QAction(tr("Model &Information…"), m_window);
    info->setObjectName(QStringLiteral("actionModelInfo"));
    connect(info, &QAction::triggered, this, &ModelMenu::showModelInfo);
    auto *run = new QAction(QIcon(QStringLiteral(":/icons/run.svg")), tr("&Run Task"), m_window);
    run->setObjectName(QStringLiteral("actionRunTask"));
    connect(run, &QAction::triggered, this, &ModelMenu::runRequested);
    auto *cancel = new QAction(tr("Cancel Ru&n"), m_window);
    cancel->setObjectName(QStringLiteral("actionCancelRun"));
    cancel->setShortcut(QKeySequence(tr("Ctrl+.")));
    connect(cancel, &QAction::triggered, this, &ModelMenu::cancelRequested);
    for (QAction *a : {picker, choose, download, settings, reload, info})
        menu->insertAction(help, a);
    menu->insertSeparator(help);
    for (QAction *a : {run, cancel, fineTune})
        menu->insertAction(help, a);
    menu->insertSeparator(help);
    auto updateEnabled = [this, reload, info, run, fineTune] {
        reload->setEnabled(!m_controller->modelDir().isEmpty());
        info->setEnabled(m_controller->isModelReady());
        run->setEnabled(m_controller->isModelReady());
        fineTune->setEnabled(m_controller->isModelReady());
    };
    connect(m_controller, &InferenceController::modelStateChanged, this, updateEnabled);
    updateEnabled();
}

void ModelMenu::chooseModelFolder()
{
    const QString start = m_controller->modelDir().isEmpty() ? QDir::homePath() : m_controller->modelDir();
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Choose a Florence-2 Model Folder"), start);
    if (!dir.isEmpty())
        Q_EMIT loadRequested(dir);
}

void ModelMenu::chooseModel()
{
    ModelPickerDialog dialog(QString(), ModelFinder::savedFolders(), m_window);
    dialog.setCurrentDir(m_controller->modelDir());
    bool download = false;
    connect(&dialog, &ModelPickerDialog::downloadRequested, this, [&download] { download = true; });
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedDir().isEmpty())
        Q_EMIT loadRequested(dialog.selectedDir());
    else if (download)
        showDownload();
}

void ModelMenu::showDownload()
{
    DownloadDialog dialog(m_window);
    connect(&dialog, &DownloadDialog::loadRequested, this, &ModelMenu::loadRequested);
    dialog.exec();
}

void ModelMenu::showModelSettings()
{
    ModelSettingsDialog dialog(ModelSettings::savedOptions(), cudaAvailable(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT optionsChosen(dialog.options());
}

void ModelMenu::showModelInfo()
{
    if (!m_controller->isModelReady())
        return;
    const ModelSummary &s = m_controller->summary();
    QString text = tr("<b>Florence-2 %1</b><br>Folder: %2<br>Parameters: %3 (%4)<br>Weights: %5, declared dtype %6<br>"
                      "Computing in %7 on %8<br>Loaded in %9 s")
                       .arg(toQt(s.variant).toHtmlEscaped(), QDir::toNativeSeparators(toQt(s.dir)).toHtmlEscaped(),
                            formatParameterCount(s.parameterCount), QLocale().toString(qlonglong(s.parameterCount)),
                            toQt(s.weightsFormat), toQt(s.declaredDtype), toQt(s.computeDtype), deviceName(s.device))
                       .arg(QLocale().toString(s.loadMs / 1000.0, 'f', 2));
    if (!s.log.empty()) {
        text += QStringLiteral("<br><br>") + tr("Loader notes:") + QStringLiteral("<ul>");
        for (const std::string &line : s.log)
            text += QStringLiteral("<li>%1</li>").arg(toQt(line).toHtmlEscaped());
        text += QStringLiteral("</ul>");
    }
    QMessageBox::information(m_window, tr("Model Information"), text);
}

void ModelMenu::updateModelStatus()
{
    const QString choose = QStringLiteral("<a href=\"choose\">%1</a>").arg(tr("Model ▸ Choose Model Folder…"));
    QString line;
    bool loading = false;
    switch (m_controller->modelState()) {
    case InferenceController::ModelState::None:
        line = tr("No model loaded — %1").arg(choose);
        break;
    case InferenceController::ModelState::Loading:
        line = tr("Loading the model from %1…").arg(QDir::toNativeSeparators(m_controller->modelDir()).toHtmlEscaped());
        loading = true;
        break;
    case InferenceController::ModelState::Ready: {
        const ModelSummary &s = m_controller->summary();
        line = tr("Florence-2 %1 · %2 parameters · %3 · %4")
                   .arg(toQt(s.variant).toHtmlEscaped(), formatParameterCount(s.parameterCount), toQt(s.computeDtype),
                        deviceName(s.device));
        break;
    }
    case InferenceController::ModelState::Failed:
        line = tr("Model not loaded (see the message) — %1").arg(choose);
        break;
    }
    m_statusLabel->setText(line);
    m_statusLabel->setToolTip(m_controller->modelState() == InferenceController::ModelState::Failed
                                  ? userMessage(ErrorContext::ModelLoad, m_controller->lastErrorKind(),
                                                m_controller->lastError())
                                  : QDir::toNativeSeparators(m_controller->modelDir()));
    m_taskDock->setModelStatus(line, loading);
}

QString ModelMenu::modelStatusText() const
{
    QTextDocument doc;
    doc.setHtml(m_statusLabel->text());
    return doc.toPlainText();
}

} // namespace florence::ui
