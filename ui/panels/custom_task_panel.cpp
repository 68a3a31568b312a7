#include "panels/custom_task_panel.h"

#include "common/error_text.h"
#include "convert.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace florence::ui {

namespace {

constexpr OutputParser kParsers[] = {OutputParser::PlainText, OutputParser::Boxes, OutputParser::Quads,
                                     OutputParser::Polygons, OutputParser::BoxesOrPolygons};

} // namespace

QString parserName(OutputParser parser)
{
    switch (parser) {
    case OutputParser::PlainText: return CustomTaskPanel::tr("Plain text");
    case OutputParser::Boxes: return CustomTaskPanel::tr("Boxes with labels");
    case OutputParser::Quads: return CustomTaskPanel::tr("Text lines (quads)");
    case OutputParser::Polygons: return CustomTaskPanel::tr("Polygons");
    case OutputParser::BoxesOrPolygons: return CustomTaskPanel::tr("Boxes or polygons");
    }
    return QString();
}

CustomTaskPanel::CustomTaskPanel(QWidget *parent)
    : QGroupBox(tr("Custom task"), parent)
{
    qRegisterMetaType<CustomTask>();
    setObjectName(QStringLiteral("customTaskPanel"));
    setToolTip(tr("For fine-tunes with their own prompts (DocVQA, <ANALYZE>, …): the prompt is sent as it is "
                  "and the answer is read with the chosen parser. Presets are saved per model folder."));
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("customPresetBox"));
    m_prompt = new QLineEdit();
    m_prompt->setObjectName(QStringLiteral("customPromptEdit"));
    m_prompt->setClearButtonEnabled(true);
    m_prompt->setPlaceholderText(tr("Prompt, e.g. <DocVQA>What is the total?"));
    m_parser = new QComboBox();
    m_parser->setObjectName(QStringLiteral("customParserBox"));
    for (OutputParser p : kParsers)
        m_parser->addItem(parserName(p), int(p));
    m_parser->setToolTip(tr("How the answer becomes annotations"));
    m_save = new QPushButton(tr("Save…"));
    m_save->setObjectName(QStringLiteral("customSaveButton"));
    m_save->setToolTip(tr("Save the prompt and parser as a named preset of this model folder"));
    m_delete = new QPushButton(tr("Delete"));
    m_delete->setObjectName(QStringLiteral("customDeleteButton"));
    m_run = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), tr("Run"));
    m_run->setObjectName(QStringLiteral("customRunButton"));
    m_run->setToolTip(tr("Run the custom prompt on the current image"));
    m_message = new QLabel();
    m_message->setObjectName(QStringLiteral("customMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    // Folded until used: checking the title shows the controls (a model with presets opens it).
    setCheckable(true);
    setChecked(false);
    auto *body = new QWidget(this);
    body->setObjectName(QStringLiteral("customTaskBody"));
    body->hide();
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(body);
    connect(this, &QGroupBox::toggled, body, &QWidget::setVisible);
    auto *form = new QFormLayout(body);
    form->setContentsMargins(6, 6, 6, 6);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *presetRow = new QHBoxLayout;
    presetRow->addWidget(m_preset, 1);
    presetRow->addWidget(m_delete);
    form->addRow(tr("Preset:"), presetRow);
    form->addRow(tr("Prompt:"), m_prompt);
    form->addRow(tr("Parser:"), m_parser);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save, 1);
    buttons->addWidget(m_run, 2);
    form->addRow(buttons);
    form->addRow(m_message);

    connect(m_preset, qOverload<int>(&QComboBox::currentIndexChanged), this, &CustomTaskPanel::showPreset);
    connect(m_prompt, &QLineEdit::textChanged, this, &CustomTaskPanel::updateButtons);
    connect(m_prompt, &QLineEdit::returnPressed, this, [this] {
        if (m_run->isEnabled())
            Q_EMIT runRequested(task());
    });
    connect(m_save, &QPushButton::clicked, this, &CustomTaskPanel::askAndSave);
    connect(m_delete, &QPushButton::clicked, this, &CustomTaskPanel::deleteSelectedPreset);
    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(task()); });
    reload();
}

void CustomTaskPanel::setModelDir(const QString &dir)
{
    if (dir == m_modelDir)
        return;
    m_modelDir = dir;
    reload();
}

void CustomTaskPanel::setState(bool modelReady, bool busy)
{
    m_modelReady = modelReady;
    m_busy = busy;
    updateButtons();
}

CustomTask CustomTaskPanel::task() const
{
    CustomTask t;
    if (m_preset->currentIndex() > 0)
        t.name = toStd(m_preset->currentText());
    t.prompt = toStd(m_prompt->text());
    t.parser = OutputParser(m_parser->currentData().toInt());
    return t;
}

QString CustomTaskPanel::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void CustomTaskPanel::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QStringList CustomTaskPanel::presetNames() const
{
    QStringList names;
    for (int i = 1; i < m_preset->count(); ++i)
        names << m_preset->itemText(i);
    return names;
}

void CustomTaskPanel::reload(const QString &select)
{
    m_filling = true;
    m_preset->clear();
    m_preset->addItem(tr("(unsaved)"));
    setMessage(QString());
    if (!m_modelDir.isEmpty()) {
        try {
            for (const CustomTask &t : CustomTaskStore().list(toStd(m_modelDir))) {
                m_preset->addItem(toQt(t.name));
                m_preset->setItemData(m_preset->count() - 1, toQt(t.prompt), Qt::UserRole);
                m_preset->setItemData(m_preset->count() - 1, int(t.parser), Qt::UserRole + 1);
                m_preset->setItemData(m_preset->count() - 1,
                                      QStringLiteral("%1 (%2)").arg(toQt(t.prompt), parserName(t.parser)), Qt::ToolTipRole);
            }
        } catch (const std::exception &e) {
            setMessage(tr("Presets not available: %1").arg(userMessage(ErrorContext::Read, errorInfo(e, ErrorKind::BadInput))));
        }
    }
    if (m_preset->count() > 1)
        setChecked(true);
    const int index = select.isEmpty() ? -1 : m_preset->findText(select);
    m_preset->setCurrentIndex(index > 0 ? index : 0);
    m_filling = false;
    showPreset();
}

void CustomTaskPanel::showPreset()
{
    if (m_filling)
        return;
    const int i = m_preset->currentIndex();
    if (i > 0) {
        m_prompt->setText(m_preset->itemData(i, Qt::UserRole).toString());
        m_parser->setCurrentIndex(m_parser->findData(m_preset->itemData(i, Qt::UserRole + 1).toInt()));
    }
    updateButtons();
}

bool CustomTaskPanel::selectPreset(const QString &name)
{
    const int index = m_preset->findText(name);
    if (index <= 0)
        return false;
    m_preset->setCurrentIndex(index);
    return true;
}

bool CustomTaskPanel::savePreset(const QString &name, QString *why)
{
    CustomTask t = task();
    t.name = toStd(name.trimmed());
    try {
        if (m_modelDir.isEmpty())
            throw std::runtime_error(tr("load a model first: presets belong to a model folder").toStdString());
        CustomTaskStore().save(toStd(m_modelDir), t);
    } catch (const std::exception &e) {
        const QString text = tr("Could not save the preset: %1").arg(userMessage(ErrorContext::Write, errorInfo(e, ErrorKind::BadInput)));
        setMessage(text);
        if (why)
            *why = text;
        return false;
    }
    reload(toQt(t.name));
    return true;
}

bool CustomTaskPanel::deleteSelectedPreset()
{
    if (m_preset->currentIndex() <= 0 || m_modelDir.isEmpty())
        return false;
    try {
        if (!CustomTaskStore().remove(toStd(m_modelDir), toStd(m_preset->currentText())))
            return false;
    } catch (const std::exception &e) {
        setMessage(tr("Could not delete the preset: %1").arg(userMessage(ErrorContext::Write, errorInfo(e, ErrorKind::Io))));
        return false;
    }
    reload();
    return true;
}

void CustomTaskPanel::askAndSave()
{
    bool ok = false;
    const QString current = m_preset->currentIndex() > 0 ? m_preset->currentText() : QString();
    const QString name = QInputDialog::getText(this, tr("Save Custom Task"), tr("Preset name:"), QLineEdit::Normal,
                                               current, &ok);
    if (ok)
        savePreset(name);
}

void CustomTaskPanel::updateButtons()
{
    const bool hasPrompt = !m_prompt->text().trimmed().isEmpty();
    m_run->setEnabled(m_modelReady && !m_busy && hasPrompt);
    m_save->setEnabled(!m_modelDir.isEmpty() && hasPrompt);
    m_delete->setEnabled(!m_modelDir.isEmpty() && m_preset->currentIndex() > 0);
}

} // namespace florence::ui
