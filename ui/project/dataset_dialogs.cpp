#include "project/dataset_dialogs.h"

#include "annotate/formats/registry.h"
#include "convert.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace florence::ui {

namespace {

bool reads(const formats::FormatInfo &format, const char *option)
{
    return std::find(format.options.begin(), format.options.end(), option) != format.options.end();
}

QDoubleSpinBox *ratioBox(double value, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0.0, 1.0);
    box->setSingleStep(0.05);
    box->setDecimals(2);
    box->setValue(value);
    return box;
}

} // namespace

DatasetExportDialog::DatasetExportDialog(const formats::FormatInfo &format, const QString &startFolder, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("datasetExportDialog"));
    setWindowTitle(tr("Export %1").arg(toQt(format.displayName)));
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Writes: %1").arg(toQt(format.outputHint)), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    auto *folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(startFolder, this);
    m_folder->setObjectName(QStringLiteral("folder"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Output folder:"), folderRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export into Folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });

    m_variant = new QComboBox(this);
    m_variant->setObjectName(QStringLiteral("variant"));
    for (const formats::FormatVariant &v : format.variants)
        m_variant->addItem(toQt(v.displayName), toQt(v.name));
    if (format.variants.size() > 1)
        form->addRow(tr("Variant:"), m_variant);
    else
        m_variant->hide();

    m_splitMode = new QComboBox(this);
    m_splitMode->setObjectName(QStringLiteral("splitMode"));
    m_splitMode->addItem(tr("No split (everything in train)"), int(formats::SplitOptions::Mode::None));
    m_splitMode->addItem(tr("By ratio, shuffled with a fixed seed"), int(formats::SplitOptions::Mode::Ratio));
    m_splitMode->addItem(tr("By folder (train/, val/, test/)"), int(formats::SplitOptions::Mode::Folder));
    m_train = ratioBox(0.8, this);
    m_val = ratioBox(0.2, this);
    m_test = ratioBox(0.0, this);
    m_train->setObjectName(QStringLiteral("trainRatio"));
    m_val->setObjectName(QStringLiteral("valRatio"));
    m_test->setObjectName(QStringLiteral("testRatio"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, 2147483647);
    m_seed->setValue(1);
    auto *ratios = new QHBoxLayout;
    ratios->addWidget(new QLabel(tr("train"), this));
    ratios->addWidget(m_train);
    ratios->addWidget(new QLabel(tr("val"), this));
    ratios->addWidget(m_val);
    ratios->addWidget(new QLabel(tr("test"), this));
    ratios->addWidget(m_test);
    if (reads(format, "split")) {
        form->addRow(tr("Split:"), m_splitMode);
        form->addRow(tr("Ratios:"), ratios);
        form->addRow(tr("Seed:"), m_seed);
        if (format.name == "florence2-jsonl") { // the trainer wants a validation file
            m_splitMode->setCurrentIndex(1);
            m_train->setValue(0.9);
            m_val->setValue(0.1);
        }
    } else {
        for (QWidget *w : std::initializer_list<QWidget *>{m_splitMode, m_train, m_val, m_test, m_seed})
            w->hide();
    }
    connect(m_splitMode, &QComboBox::currentIndexChanged, this, &DatasetExportDialog::updateSplitWidgets);
    updateSplitWidgets();

    m_copyImages = new QCheckBox(tr("Copy the images into the export (hard links where possible)"), this);
    m_copyImages->setObjectName(QStringLiteral("copyImages"));
    m_copyImages->setChecked(true);
    form->addRow(QString(), m_copyImages);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(sizeHint().width() + 120, sizeHint().height());
}

void DatasetExportDialog::updateSplitWidgets()
{
    const bool ratio = m_splitMode->currentData().toInt() == int(formats::SplitOptions::Mode::Ratio);
    for (QWidget *w : std::initializer_list<QWidget *>{m_train, m_val, m_test, m_seed})
        w->setEnabled(ratio);
}

QString DatasetExportDialog::folder() const
{
    return m_folder->text().trimmed();
}

formats::ExportOptions DatasetExportDialog::options() const
{
    formats::ExportOptions o;
    o.variant = toStd(m_variant->currentData().toString());
    o.split.mode = m_splitMode->isHidden() ? formats::SplitOptions::Mode::None
                                           : formats::SplitOptions::Mode(m_splitMode->currentData().toInt());
    o.split.train = m_train->value();
    o.split.val = m_val->value();
    o.split.test = m_test->value();
    o.split.seed = std::uint64_t(m_seed->value());
    o.copyImages = m_copyImages->isChecked();
    return o;
}

void DatasetExportDialog::setVariant(const QString &name)
{
    const int i = m_variant->findData(name);
    if (i >= 0)
        m_variant->setCurrentIndex(i);
}

void DatasetExportDialog::setFolder(const QString &folder)
{
    m_folder->setText(folder);
}

QDialog *makeSummaryDialog(QWidget *parent, const QString &title, const QString &text, const QString &details)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("summaryDialog"));
    dialog->setWindowTitle(title);
    auto *layout = new QVBoxLayout(dialog);
    auto *headline = new QLabel(text, dialog);
    headline->setWordWrap(true);
    layout->addWidget(headline);
    auto *view = new QPlainTextEdit(details, dialog);
    view->setObjectName(QStringLiteral("summaryText"));
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::accept);
    layout->addWidget(buttons);
    dialog->resize(760, 460);
    return dialog;
}

void showSummaryDialog(QWidget *parent, const QString &title, const QString &text, const QString &details)
{
    QDialog *dialog = makeSummaryDialog(parent, title, text, details);
    dialog->exec();
    delete dialog;
}

} // namespace florence::ui
