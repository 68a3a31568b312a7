#include "panels/no_model_panel.h"

#include "convert.h"
#include "inference/model_finder.h"

#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace florence::ui {

NoModelPanel::NoModelPanel(QWidget *parent)
    : QFrame(parent)
    , m_finder(new ModelFinder(this))
{
    setObjectName(QStringLiteral("noModelPanel"));
    setFrameShape(QFrame::StyledPanel);
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Get a Florence-2 model").toHtmlEscaped()), this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("noModelText"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("foundModels"));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_load = new QPushButton(tr("Load"), this);
    m_load->setObjectName(QStringLiteral("loadFoundButton"));
    m_download = new QPushButton(tr("Download…"), this);
    m_download->setObjectName(QStringLiteral("downloadModelButton"));
    m_download->setToolTip(tr("base, large or a fine-tune from the Hugging Face hub, into its cache"));
    m_open = new QPushButton(tr("Open Folder…"), this);
    m_open->setObjectName(QStringLiteral("openModelFolderButton"));
    m_all = new QPushButton(tr("All Models…"), this);
    m_all->setToolTip(tr("Every model found, with sizes and layouts; add folders to search"));

    auto *row = new QGridLayout;
    row->addWidget(m_load, 0, 0);
    row->addWidget(m_all, 0, 1);
    row->addWidget(m_download, 1, 0);
    row->addWidget(m_open, 1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(title);
    layout->addWidget(m_text);
    layout->addWidget(m_list);
    layout->addLayout(row);

    connect(m_finder, &ModelFinder::finished, this, &NoModelPanel::fill);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_load->setEnabled(row >= 0); });
    auto load = [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            Q_EMIT loadRequested(item->data(Qt::UserRole).toString());
    };
    connect(m_load, &QPushButton::clicked, this, load);
    connect(m_list, &QListWidget::itemDoubleClicked, this, load);
    connect(m_download, &QPushButton::clicked, this, &NoModelPanel::downloadRequested);
    connect(m_open, &QPushButton::clicked, this, &NoModelPanel::openFolderRequested);
    connect(m_all, &QPushButton::clicked, this, &NoModelPanel::pickerRequested);
    m_load->setEnabled(false);
    m_list->hide();
    m_text->setText(tr("Looking for models on this computer…"));
}

void NoModelPanel::showEvent(QShowEvent *event)
{
    QFrame::showEvent(event);
    rescan();
}

void NoModelPanel::rescan()
{
    m_finder->setFolders(ModelFinder::savedFolders());
    m_finder->scan();
}

void NoModelPanel::fill()
{
    m_list->clear();
    for (const io::FoundModel &m : m_finder->models()) {
        if (!m.problems.empty())
            continue; // the picker lists these with their problems
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · %3").arg(foundModelName(m), toQt(m.variant), formatBytes(m.sizeOnDisk)), m_list);
        item->setData(Qt::UserRole, toQt(m.dir));
        item->setToolTip(QDir::toNativeSeparators(toQt(m.dir)));
    }
    const bool any = m_list->count() > 0;
    // As tall as its rows, up to five (the rest scrolls).
    const int rows = std::min(m_list->count(), 5);
    m_list->setFixedHeight(rows * std::max(1, m_list->sizeHintForRow(0)) + 2 * m_list->frameWidth() + 2);
    m_list->setVisible(any);
    if (any)
        m_list->setCurrentRow(0);
    m_load->setEnabled(any);
    m_text->setText(any ? tr("Florence Studio runs Florence-2 on this computer. These models are here already; "
                             "load one, download another or open a model folder.")
                        : tr("Florence Studio runs Florence-2 on this computer. No model was found in the Hugging "
                             "Face cache (%1): download one (base is 0.5 GB) or open a model folder.")
                              .arg(QDir::toNativeSeparators(m_finder->hubDir())));
}

} // namespace florence::ui
