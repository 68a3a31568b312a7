#include "dialogs/fine_tune_dialog.h"

#include "convert.h"
#include "document/document.h"
#include "inference/task_names.h"
#include "train/training_data.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace florence::ui {

namespace {

/// The tasks checked by default: florence-cli train's default --tasks.
bool defaultTask(Task t)
{
    return t == Task::ObjectDetection || t == Task::OcrWithRegion || t == Task::Caption || t == Task::DetailedCaption
        || t == Task::MoreDetailedCaption;
}

} // namespace

FineTuneDialog::FineTuneDialog(const Document *document, const QVector<int> &selected, const QString &modelDir,
                               QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_selected(selected)
    , m_modelDir(modelDir)
{
    setObjectName(QStringLiteral("FineTuneDialog"));
    setWindowTitle(tr("Fine-tune the Model"));

    auto *imagesBox = new QGroupBox(tr("Images"), this);
    m_reviewed = new QRadioButton(tr("Reviewed images"), imagesBox);
    m_reviewed->setObjectName(QStringLiteral("reviewedImages"));
    m_annotated = new QRadioButton(tr("All annotated images"), imagesBox);
    m_annotated->setObjectName(QStringLiteral("annotatedImages"));
    m_selectedImages = new QRadioButton(tr("Images selected in the list (%n)", nullptr, int(selected.size())), imagesBox);
    m_selectedImages->setObjectName(QStringLiteral("selectedImages"));
    m_selectedImages->setEnabled(!selected.isEmpty());
    m_reviewed->setChecked(true);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_reviewed, m_annotated, m_selectedImages})
        group->addButton(b);
    auto *imagesLayout = new QVBoxLayout(imagesBox);
    for (QRadioButton *b : {m_reviewed, m_annotated, m_selectedImages})
        imagesLayout->addWidget(b);
    imagesLayout->addStretch(1);

    auto *tasksBox = new QGroupBox(tr("Tasks to learn"), this);
    m_tasks = new QListWidget(tasksBox);
    m_tasks->setObjectName(QStringLiteral("taskList"));
    for (const TaskInfo &info : taskTable()) {
        auto *item = new QListWidgetItem(taskName(info.task), m_tasks);
        item->setData(Qt::UserRole, int(info.task));
        item->setToolTip(QString::fromLatin1(info.token));
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(defaultTask(info.task) ? Qt::Checked : Qt::Unchecked);
    }
    auto *tasksLayout = new QVBoxLayout(tasksBox);
    tasksLayout->addWidget(m_tasks);

    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("epochsBox"));
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(3);
    m_lr = new QLineEdit(QStringLiteral("1e-6"), this);
    m_lr->setObjectName(QStringLiteral("learningRateEdit"));
    auto *lrValidator = new QDoubleValidator(1e-12, 1.0, 12, m_lr);
    lrValidator->setNotation(QDoubleValidator::ScientificNotation);
    lrValidator->setLocale(QLocale::c());
    m_lr->setValidator(lrValidator);
    m_lr->setToolTip(tr("Peak learning rate (AdamW, linear decay); 1e-6 is the usual choice for base and large"));
    m_batch = new QSpinBox(this);
    m_batch->setObjectName(QStringLiteral("batchSizeBox"));
    m_batch->setRange(1, 64);
    m_batch->setValue(2);
    m_freeze = new QComboBox(this);
    m_freeze->setObjectName(QStringLiteral("freezeBox"));
    m_freeze->addItem(tr("Vision tower (faster: its output is computed once per image)"), true);
    m_freeze->addItem(tr("Nothing (train every weight)"), false);
    m_validPercent = new QSpinBox(this);
    m_validPercent->setObjectName(QStringLiteral("validPercentBox"));
    m_validPercent->setRange(0, 50);
    m_validPercent->setValue(10);
    m_validPercent->setSuffix(QStringLiteral(" %"));
    m_validPercent->setToolTip(tr("Share of the images held out for the validation loss after each epoch"));
    m_out = new QLineEdit(this);
    m_out->setObjectName(QStringLiteral("outputEdit"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *outRow = new QHBoxLayout;
    outRow->addWidget(m_out, 1);
    outRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Epochs:"), m_epochs);
    form->addRow(tr("Learning rate:"), m_lr);
    form->addRow(tr("Batch size:"), m_batch);
    form->addRow(tr("Freeze:"), m_freeze);
    form->addRow(tr("Validation:"), m_validPercent);
    form->addRow(tr("Save the new model in:"), outRow);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fineTuneSummary"));
    m_summary->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_train = buttons->addButton(tr("Train"), QDialogButtonBox::AcceptRole);
    m_train->setObjectName(QStringLiteral("trainButton"));
    m_train->setDefault(true);

    auto *top = new QHBoxLayout;
    top->addWidget(imagesBox);
    top->addWidget(tasksBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Fine-tune %1 on this project's annotations.")
                                     .arg(QDir::toNativeSeparators(modelDir).toHtmlEscaped()),
                                 this));
    layout->addLayout(top, 1);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(720, 560);

    // Default output: next to the project, named after the model and the time.
    const QString base = QFileInfo(QDir::cleanPath(modelDir)).fileName();
    const QString root = document->rootDir().isEmpty() ? QDir::homePath() : document->rootDir();
    m_out->setText(QDir(root).filePath(QStringLiteral("models/%1-finetuned-%2")
                                           .arg(base.isEmpty() ? QStringLiteral("florence2") : base,
                                                QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")))));

    connect(group, &QButtonGroup::buttonToggled, this, &FineTuneDialog::recount);
    connect(m_tasks, &QListWidget::itemChanged, this, &FineTuneDialog::recount);
    connect(m_validPercent, qOverload<int>(&QSpinBox::valueChanged), this, &FineTuneDialog::recount);
    connect(m_out, &QLineEdit::textChanged, this, &FineTuneDialog::recount);
    connect(m_lr, &QLineEdit::textChanged, this, &FineTuneDialog::recount);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the New Model"), m_out->text());
        if (!dir.isEmpty())
            m_out->setText(dir);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    recount();
}

void FineTuneDialog::setImages(Images images)
{
    (images == Images::Reviewed ? m_reviewed : images == Images::Annotated ? m_annotated : m_selectedImages)->setChecked(true);
}

void FineTuneDialog::setTasks(const std::vector<Task> &tasks)
{
    const QSignalBlocker block(m_tasks);
    for (int i = 0; i < m_tasks->count(); ++i) {
        QListWidgetItem *item = m_tasks->item(i);
        const bool on = std::find(tasks.begin(), tasks.end(), Task(item->data(Qt::UserRole).toInt())) != tasks.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    recount();
}

std::vector<Task> FineTuneDialog::tasks() const
{
    std::vector<Task> out;
    for (int i = 0; i < m_tasks->count(); ++i)
        if (m_tasks->item(i)->checkState() == Qt::Checked)
            out.push_back(Task(m_tasks->item(i)->data(Qt::UserRole).toInt()));
    return out;
}

void FineTuneDialog::setOutputDir(const QString &dir)
{
    m_out->setText(dir);
}

std::vector<TrainingExample> FineTuneDialog::examples(QString *why) const
{
    Project project;
    project.rootDir = toStd(m_document->rootDir());
    auto add = [&](int i) {
        ImageRecord record = m_document->image(i);
        record.path = toStd(m_document->absolutePath(i));
        project.images.push_back(std::move(record));
    };
    if (m_selectedImages->isChecked()) {
        for (int i : m_selected)
            if (i >= 0 && i < m_document->imageCount())
                add(i);
    } else {
        for (int i = 0; i < m_document->imageCount(); ++i)
            add(i);
    }
    try {
        return examplesFromProject(project, tasks(), m_reviewed->isChecked());
    } catch (const std::exception &e) {
        if (why)
            *why = QString::fromUtf8(e.what());
        return {};
    }
}

TrainingJob FineTuneDialog::job() const
{
    TrainingJob job;
    job.modelDir = m_modelDir;
    job.outDir = QDir::cleanPath(m_out->text().trimmed());
    TrainSettings &s = job.settings;
    s.epochs = m_epochs->value();
    s.lr = QLocale::c().toDouble(m_lr->text().trimmed());
    s.batchSize = m_batch->value();
    s.freezeVision = m_freeze->currentData().toBool();
    s.warmupSteps = 0;
    std::vector<TrainingExample> all = examples(nullptr);
    TrainValidSplit split = splitTrainValid(all, m_validPercent->value() / 100.0);
    if (split.train.empty()) // a tiny project: every image fell on the validation side
        split.train = all, split.valid.clear();
    job.train = std::move(split.train);
    job.valid = std::move(split.valid);
    QStringList names;
    for (Task t : tasks())
        names << QString::fromLatin1(taskInfo(t).token);
    job.description = QStringLiteral("Florence Studio project %1 (%2; %3)")
                          .arg(m_document->rootDir(),
                               m_reviewed->isChecked() ? QStringLiteral("reviewed images")
                               : m_annotated->isChecked() ? QStringLiteral("annotated images")
                                                          : QStringLiteral("selected images"),
                               names.join(QLatin1Char(',')));
    return job;
}

void FineTuneDialog::recount()
{
    QString why;
    const std::vector<TrainingExample> all = examples(&why);
    TrainValidSplit split = splitTrainValid(all, m_validPercent->value() / 100.0);
    if (split.train.empty())
        split.train = all, split.valid.clear();
    m_trainCount = int(split.train.size());
    m_validCount = int(split.valid.size());
    QStringList images;
    for (const TrainingExample &e : all)
        if (!images.contains(toQt(e.image)))
            images << toQt(e.image);
    bool lrOk = false;
    const double lr = QLocale::c().toDouble(m_lr->text().trimmed(), &lrOk);
    QString text;
    if (!why.isEmpty())
        text = tr("Cannot make training examples: %1").arg(why);
    else if (all.empty())
        text = m_reviewed->isChecked()
            ? tr("No examples: no reviewed image has annotations for the chosen tasks (Ctrl+R marks an image as "
                 "reviewed), or choose all annotated images.")
            : tr("No examples: none of these images has annotations for the chosen tasks.");
    else
        text = tr("%1 training and %2 validation examples from %n image(s).", nullptr, int(images.size()))
                   .arg(m_trainCount)
                   .arg(m_validCount);
    if (!lrOk || !(lr > 0.0))
        text += QLatin1Char(' ') + tr("The learning rate is not a positive number.");
    m_summary->setText(text);
    m_train->setEnabled(!all.empty() && lrOk && lr > 0.0 && !m_out->text().trimmed().isEmpty());
}

} // namespace florence::ui
