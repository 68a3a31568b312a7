#pragma once
// What Florence Studio remembers about models in QSettings: the folder of the last session and the
// device/precision/threads chosen in Model ▸ Model Settings, and the batch panel's batch size.

#include "pipeline.h"

#include <QString>

namespace florence::ui {

/// Model settings stored in QSettings ("model/dir", "model/device", "model/precision", "model/threads",
/// "batch/size").
struct ModelSettings
{
    /// The folder to load at start-up: `commandLine` (florence-studio --model DIR) when given, else
    /// the FLORENCE_MODEL_DIR environment variable, else the folder remembered from the last session.
    static QString startupModelDir(const QString &commandLine);
    /// Remembers `dir` as the folder to load next time.
    static void rememberModelDir(const QString &dir);
    /// The saved device/precision/threads; a hand-edited or unusable value (CUDA without a GPU)
    /// falls back to what works.
    static PipelineOptions savedOptions();
    static void saveOptions(const PipelineOptions &options);
    /// Images per GUI batch pass ("batch/size"; default kDefaultBatchSize, as florence-cli annotate).
    static int batchSize();
    static void saveBatchSize(int size);
};

} // namespace florence::ui
