#include "dialogs/model_settings_dialog.h"

#include "common/threads.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace florence::ui {

ModelSettingsDialog::ModelSettingsDialog(const PipelineOptions &options, bool cudaAvailable, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Model Settings"));
    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("deviceBox"));
    m_device->addItem(tr("CPU"), int(ComputeDevice::Cpu));
    if (cudaAvailable)
        m_device->addItem(tr("CUDA (GPU)"), int(ComputeDevice::Cuda));
    m_device->setCurrentIndex(std::max(0, m_device->findData(int(options.device))));
    m_precision = new QComboBox(this);
    m_precision->setObjectName(QStringLiteral("precisionBox"));
    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("threadsBox"));
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("automatic (%1)").arg(defaultThreadCount()));
    m_threads->setValue(std::max(0, options.threads));
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setText(cudaAvailable ? tr("Changing the device or the precision reloads the model.")
                                  : tr("This build of libtorch cannot use a GPU: CPU only. Changing the precision "
                                       "reloads the model."));

    auto *form = new QFormLayout;
    form->addRow(tr("Device:"), m_device);
    form->addRow(tr("Precision:"), m_precision);
    form->addRow(tr("CPU threads:"), m_threads);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(buttons);

    fillPrecisions();
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(int(options.precision))));
    connect(m_device, qOverload<int>(&QComboBox::currentIndexChanged), this, &ModelSettingsDialog::fillPrecisions);
}

void ModelSettingsDialog::fillPrecisions()
{
    const QVariant current = m_precision->currentData();
    m_precision->clear();
    m_precision->addItem(tr("fp32 (as the reference)"), int(Precision::Fp32));
    m_precision->addItem(tr("bf16 (less memory)"), int(Precision::Bf16));
    if (ComputeDevice(m_device->currentData().toInt()) == ComputeDevice::Cuda)
        m_precision->addItem(tr("fp16 (GPU only)"), int(Precision::Fp16));
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(current)));
}

PipelineOptions ModelSettingsDialog::options() const
{
    PipelineOptions o;
    o.device = ComputeDevice(m_device->currentData().toInt());
    o.precision = Precision(m_precision->currentData().toInt());
    o.threads = m_threads->value();
    return o;
}

} // namespace florence::ui
