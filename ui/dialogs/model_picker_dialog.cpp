#include "dialogs/model_picker_dialog.h"

#include "convert.h"
#include "inference/model_finder.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

constexpr int kDirRole = Qt::UserRole;

QString layoutName(const std::string &layout)
{
    if (layout == "remote")
        return ModelPickerDialog::tr("remote code");
    if (layout == "native")
        return ModelPickerDialog::tr("native");
    return toQt(layout);
}

QString whereText(const io::FoundModel &m)
{
    if (m.source == "hf-cache")
        return m.isMainRevision ? ModelPickerDialog::tr("HF cache · %1 (main)").arg(toQt(m.revision).left(10))
                                : ModelPickerDialog::tr("HF cache · %1").arg(toQt(m.revision).left(10));
    return QDir::toNativeSeparators(toQt(m.dir));
}

} // namespace

ModelPickerDialog::ModelPickerDialog(const QString &hubDir, const QStringList &folders, QWidget *parent)
    : QDialog(parent)
    , m_finder(new ModelFinder(this))
{
    setObjectName(QStringLiteral("ModelPickerDialog"));
    setWindowTitle(tr("Choose a Model"));
    m_finder->setHubDir(hubDir);
    m_finder->setFolders(folders);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("pickerSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setHeaderLabels({tr("Model"), tr("Variant"), tr("Layout"), tr("Parameters"), tr("Dtype"), tr("Size"),
                              tr("Where")});
    m_table->header()->setStretchLastSection(true);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("pickerDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *addFolder = new QPushButton(tr("Add Folder…"), this);
    addFolder->setObjectName(QStringLiteral("addFolderButton"));
    addFolder->setToolTip(tr("Also list the models in a folder (a model folder or a folder of model folders)"));
    m_removeFolder = new QPushButton(tr("Remove Folder"), this);
    m_removeFolder->setObjectName(QStringLiteral("removeFolderButton"));
    auto *rescanButton = new QPushButton(tr("Rescan"), this);
    auto *download = new QPushButton(tr("Download…"), this);
    download->setObjectName(QStringLiteral("downloadButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_load = buttons->addButton(tr("Load"), QDialogButtonBox::AcceptRole);
    m_load->setObjectName(QStringLiteral("loadButton"));
    m_load->setDefault(true);
    auto *row = new QHBoxLayout;
    for (QPushButton *b : {addFolder, m_removeFolder, rescanButton, download})
        row->addWidget(b);
    row->addStretch(1);
    row->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(row);
    resize(980, 420);

    connect(m_finder, &ModelFinder::finished, this, &ModelPickerDialog::fill);
    connect(m_table, &QTreeWidget::currentItemChanged, this, &ModelPickerDialog::updateButtons);
    connect(m_table, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (m_load->isEnabled())
            accept();
    });
    connect(addFolder, &QPushButton::clicked, this, &ModelPickerDialog::chooseFolder);
    connect(m_removeFolder, &QPushButton::clicked, this, &ModelPickerDialog::removeFolder);
    connect(rescanButton, &QPushButton::clicked, this, &ModelPickerDialog::rescan);
    connect(download, &QPushButton::clicked, this, [this] {
        reject();
        Q_EMIT downloadRequested();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
    rescan();
}

void ModelPickerDialog::rescan()
{
    m_summary->setText(tr("Looking for Florence-2 models in %1…").arg(QDir::toNativeSeparators(m_finder->hubDir())));
    m_finder->scan();
}

void ModelPickerDialog::fill()
{
    const QString keep = selectedDir().isEmpty() ? m_current : selectedDir();
    m_table->clear();
    for (const io::FoundModel &m : m_finder->models()) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(ColName, foundModelName(m));
        item->setText(ColVariant, toQt(m.variant));
        item->setText(ColLayout, layoutName(m.layout));
        item->setText(ColParameters, formatParameterCount(m.parameters));
        item->setText(ColDtype, toQt(m.dtype));
        item->setText(ColSize, formatBytes(m.sizeOnDisk));
        item->setText(ColWhere, whereText(m));
        item->setTextAlignment(ColParameters, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(ColSize, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(ColName, kDirRole, toQt(m.dir));
        QStringList tip{QDir::toNativeSeparators(toQt(m.dir))};
        if (!m.weightsFormat.empty())
            tip << tr("Weights: %1").arg(toQt(m.weightsFormat));
        if (!m.problems.empty()) {
            QStringList problems;
            for (const std::string &p : m.problems)
                problems << toQt(p);
            tip << tr("Cannot be loaded as it is: %1").arg(problems.join(QStringLiteral("; ")));
            for (int c = 0; c < ColCount; ++c)
                item->setForeground(c, QColor(0xb0, 0x30, 0x30));
        }
        if (QDir::cleanPath(toQt(m.dir)) == QDir::cleanPath(m_current))
            item->setText(ColName, tr("%1 (loaded)").arg(item->text(ColName)));
        for (int c = 0; c < ColCount; ++c)
            item->setToolTip(c, tip.join(QLatin1Char('\n')));
    }
    for (int c = 0; c < ColWhere; ++c)
        m_table->resizeColumnToContents(c);
    const int n = int(m_finder->models().size());
    QString text = n == 0 ? tr("No Florence-2 model found in the Hugging Face cache (%1) or the added folders. "
                               "Download one, or add the folder that holds yours.")
                                .arg(QDir::toNativeSeparators(m_finder->hubDir()))
                          : tr("%n Florence-2 model(s) in the Hugging Face cache (%1) and the added folders.", nullptr, n)
                                .arg(QDir::toNativeSeparators(m_finder->hubDir()));
    m_summary->setText(text);
    if (!selectDir(keep) && m_table->topLevelItemCount() > 0)
        m_table->setCurrentItem(m_table->topLevelItem(0));
    updateButtons();
    Q_EMIT listed();
}

QString ModelPickerDialog::selectedDir() const
{
    const QTreeWidgetItem *item = m_table->currentItem();
    return item ? item->data(ColName, kDirRole).toString() : QString();
}

bool ModelPickerDialog::selectDir(const QString &dir)
{
    if (dir.isEmpty())
        return false;
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_table->topLevelItem(i);
        if (QDir::cleanPath(item->data(ColName, kDirRole).toString()) == QDir::cleanPath(dir)) {
            m_table->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void ModelPickerDialog::addFolder(const QString &folder)
{
    QStringList folders = m_finder->folders();
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (!folders.contains(clean)) {
        folders << clean;
        m_finder->setFolders(folders);
        ModelFinder::saveFolders(folders);
    }
    rescan();
}

void ModelPickerDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a Folder with Florence-2 Models"), QDir::homePath());
    if (!dir.isEmpty())
        addFolder(dir);
}

void ModelPickerDialog::removeFolder()
{
    const QString dir = QDir::cleanPath(selectedDir());
    QStringList folders = m_finder->folders();
    // The added folder is the model folder itself or its parent.
    const int before = folders.size();
    folders.removeAll(dir);
    if (folders.size() == before)
        folders.removeAll(QFileInfo(dir).absolutePath());
    if (folders.size() == before)
        return;
    m_finder->setFolders(folders);
    ModelFinder::saveFolders(folders);
    rescan();
}

void ModelPickerDialog::updateButtons()
{
    const QTreeWidgetItem *item = m_table->currentItem();
    m_load->setEnabled(item != nullptr);
    const QString dir = QDir::cleanPath(selectedDir());
    const QStringList folders = m_finder->folders();
    m_removeFolder->setEnabled(item && (folders.contains(dir) || folders.contains(QFileInfo(dir).absolutePath())));
    m_details->setText(item ? item->toolTip(ColName) : QString());
}

} // namespace florence::ui
