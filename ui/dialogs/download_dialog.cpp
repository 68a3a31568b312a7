#include "dialogs/download_dialog.h"

#include "common/error.h"
#include "common/error_text.h"
#include "convert.h"
#include "inference/model_finder.h"
#include "io/model_scan.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace florence::ui {

QString formatSpeed(double bytesPerSecond)
{
    return DownloadDialog::tr("%1/s").arg(formatBytes(std::uint64_t(std::max(0.0, bytesPerSecond))));
}

QString formatDuration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return QStringLiteral("—");
    const qint64 s = qint64(std::llround(seconds));
    if (s >= 3600)
        return DownloadDialog::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return DownloadDialog::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return DownloadDialog::tr("%1 s").arg(s);
}

DownloadDialog::DownloadDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("DownloadDialog"));
    setWindowTitle(tr("Download a Model"));

    m_repo = new QComboBox(this);
    m_repo->setObjectName(QStringLiteral("repoBox"));
    m_repo->setEditable(true);
    m_repo->setInsertPolicy(QComboBox::NoInsert);
    const struct { const char *repo; const char *what; } known[] = {
        {"microsoft/Florence-2-base", QT_TR_NOOP("0.23 B parameters, about 0.5 GB")},
        {"microsoft/Florence-2-large", QT_TR_NOOP("0.77 B parameters, about 1.5 GB")},
        {"microsoft/Florence-2-base-ft", QT_TR_NOOP("base, fine-tuned on the downstream tasks")},
        {"microsoft/Florence-2-large-ft", QT_TR_NOOP("large, fine-tuned on the downstream tasks")},
        {"florence-community/Florence-2-base", QT_TR_NOOP("base in the transformers-native layout")},
        {"florence-community/Florence-2-large", QT_TR_NOOP("large in the transformers-native layout")},
    };
    for (const auto &k : known) {
        m_repo->addItem(QString::fromLatin1(k.repo));
        m_repo->setItemData(m_repo->count() - 1, tr(k.what), Qt::ToolTipRole);
    }
    m_repo->lineEdit()->setPlaceholderText(tr("ORG/NAME"));
    m_repo->setToolTip(tr("A Florence-2 repository of the Hugging Face hub: pick one or type ORG/NAME"));
    m_target = new QLabel(this);
    m_target->setObjectName(QStringLiteral("targetLabel"));
    m_target->setWordWrap(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p %"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("downloadStatus"));
    m_status->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("downloadMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 3);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_download = new QPushButton(tr("Download"), this);
    m_download->setObjectName(QStringLiteral("startButton"));
    m_download->setDefault(true);
    m_cancelButton = new QPushButton(tr("Stop"), this);
    m_cancelButton->setObjectName(QStringLiteral("stopButton"));
    m_cancelButton->setToolTip(tr("Stop the download; starting it again resumes where it stopped"));
    m_load = new QPushButton(tr("Load the Model"), this);
    m_load->setObjectName(QStringLiteral("loadButton"));
    m_close = new QPushButton(tr("Close"), this);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Model:"), m_repo);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_download);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    buttons->addWidget(m_load);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_target);
    layout->addSpacing(6);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addLayout(buttons);
    resize(620, 300);

    connect(m_download, &QPushButton::clicked, this, &DownloadDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &DownloadDialog::cancel);
    connect(m_load, &QPushButton::clicked, this, [this] {
        Q_EMIT loadRequested(m_snapshotDir);
        accept();
    });
    connect(m_close, &QPushButton::clicked, this, &DownloadDialog::reject);
    connect(m_repo, &QComboBox::currentTextChanged, this, [this] {
        m_resumable = false;
        updateTarget();
        updateButtons();
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &DownloadDialog::onFinished);
    updateTarget();
    updateButtons();
}

DownloadDialog::~DownloadDialog()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished(); // the transfer checks the flag all the time: a prompt stop
}

void DownloadDialog::setRepo(const QString &repo)
{
    m_repo->setCurrentText(repo);
}

QString DownloadDialog::repo() const
{
    return m_repo->currentText().trimmed();
}

void DownloadDialog::setCacheDir(const QString &dir)
{
    m_options.cacheDir = toStd(dir);
    updateTarget();
}

void DownloadDialog::setTimeouts(long connectS, long stallS)
{
    m_options.connectTimeoutS = connectS;
    m_options.stallTimeoutS = stallS;
}

void DownloadDialog::updateTarget()
{
    const QString cache = m_options.cacheDir.empty() ? toQt(io::hfHubCacheDir()) : toQt(m_options.cacheDir);
    QString text = tr("Into the Hugging Face cache %1 (shared with Python tools)").arg(QDir::toNativeSeparators(cache));
    const QByteArray endpoint = qgetenv("HF_ENDPOINT");
    if (m_options.endpoint.empty() && !endpoint.isEmpty())
        text += QLatin1Char('\n') + tr("From the mirror %1 (HF_ENDPOINT)").arg(QString::fromLocal8Bit(endpoint));
    if (m_options.token.empty() && !qgetenv("HF_TOKEN").isEmpty())
        text += QLatin1Char('\n') + tr("With the token of HF_TOKEN (gated and private repositories)");
    m_target->setText(text);
}

bool DownloadDialog::start()
{
    if (isRunning())
        return false;
    io::DownloadOptions options = m_options;
    try {
        options.repo = io::resolveModelAlias(toStd(repo()));
    } catch (const std::exception &e) {
        m_message->setText(userMessage(ErrorContext::Download, errorInfo(e, ErrorKind::BadInput)));
        return false;
    }
    m_snapshotDir.clear();
    m_lastError.clear();
    m_message->setText(m_resumable ? tr("Resuming…") : tr("Connecting…"));
    m_status->clear();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    QPointer<DownloadDialog> self(this);
    m_watcher.setFuture(QtConcurrent::run([options, cancel, self, this]() {
        Outcome out;
        try {
            out.result = io::downloadModel(
                options,
                [self, this](const io::DownloadProgress &p) {
                    // Queued to the GUI thread; dropped when the dialog is gone.
                    QMetaObject::invokeMethod(this, [self, this, p] {
                        if (self)
                            showProgress(p);
                    }, Qt::QueuedConnection);
                },
                cancel.get());
            out.ok = true;
        } catch (const std::exception &e) {
            const ErrorInfo info = errorInfo(e, ErrorKind::Io); // the network and the disk
            out.cancelled = info.kind == ErrorKind::Cancelled;
            out.error = info.detail;
            out.errorKind = info.kind;
        }
        return out;
    }));
    updateButtons();
    return true;
}

void DownloadDialog::cancel()
{
    if (m_cancel && isRunning()) {
        m_cancel->store(true);
        m_message->setText(tr("Stopping…"));
    }
}

void DownloadDialog::showProgress(const io::DownloadProgress &p)
{
    if (!isRunning())
        return;
    ++m_reports;
    if (p.totalBytes > 0)
        m_progress->setValue(int(std::min<std::uint64_t>(1000, p.doneBytes * 1000 / p.totalBytes)));
    m_status->setText(tr("%1 · %2 of %3 · %4 · %5 left")
                          .arg(toQt(p.file), formatBytes(p.doneBytes),
                               p.totalBytes > 0 ? formatBytes(p.totalBytes) : tr("unknown size"),
                               formatSpeed(p.bytesPerSecond), formatDuration(p.etaSeconds)));
    m_message->setText(tr("Downloading %1…").arg(repo()));
}

void DownloadDialog::onFinished()
{
    const Outcome out = m_watcher.result();
    if (out.ok) {
        m_snapshotDir = toQt(out.result.snapshotDir);
        m_resumable = false;
        m_progress->setValue(1000);
        m_message->setText(tr("Downloaded %1 (%2 transferred, %3 already there) into %4")
                               .arg(repo(), formatBytes(out.result.downloadedBytes), formatBytes(out.result.reusedBytes),
                                    QDir::toNativeSeparators(m_snapshotDir)));
    } else if (out.cancelled) {
        m_resumable = true;
        m_message->setText(tr("Stopped. The part downloaded so far is kept: Resume continues from there."));
    } else {
        m_resumable = true;
        m_lastError = out.error;
        m_message->setText(tr("Could not download %1:\n%2").arg(repo(), userMessage(ErrorContext::Download, out.errorKind, out.error)));
    }
    updateButtons();
    Q_EMIT finished(out.ok);
}

void DownloadDialog::updateButtons()
{
    const bool running = isRunning();
    m_download->setText(m_resumable ? tr("Resume") : tr("Download"));
    m_download->setEnabled(!running && !repo().isEmpty());
    m_cancelButton->setEnabled(running);
    m_repo->setEnabled(!running);
    m_load->setEnabled(!running && !m_snapshotDir.isEmpty());
}

void DownloadDialog::reject()
{
    cancel();
    QDialog::reject();
}

} // namespace florence::ui
