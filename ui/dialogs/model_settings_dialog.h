#pragma once
// Model ▸ Model Settings: device, precision and CPU threads for inference.

#include "pipeline.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace florence::ui {

/// Dialog choosing the compute device (CUDA only when cudaAvailable()), the precision (fp32; bf16 on
/// CPU and CUDA; fp16 on CUDA only) and the CPU thread count (0: automatic).
class ModelSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    ModelSettingsDialog(const PipelineOptions &options, bool cudaAvailable, QWidget *parent = nullptr);

    /// The chosen options (threads 0 = automatic).
    PipelineOptions options() const;

    QComboBox *deviceBox() const { return m_device; }
    QComboBox *precisionBox() const { return m_precision; }
    QSpinBox *threadsBox() const { return m_threads; }

private:
    void fillPrecisions();

    QComboBox *m_device;
    QComboBox *m_precision;
    QSpinBox *m_threads;
    QLabel *m_note;
};

} // namespace florence::ui
