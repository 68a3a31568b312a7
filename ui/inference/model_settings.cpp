#include "inference/model_settings.h"

#include "batch/batch_size.h"
#include "convert.h"

#include <QSettings>

namespace florence::ui {

namespace {

const char *kDirKey = "model/dir";
const char *kDeviceKey = "model/device";
const char *kPrecisionKey = "model/precision";
const char *kThreadsKey = "model/threads";
const char *kBatchSizeKey = "batch/size";

} // namespace

QString ModelSettings::startupModelDir(const QString &commandLine)
{
    if (!commandLine.isEmpty())
        return commandLine;
    const QString env = qEnvironmentVariable("FLORENCE_MODEL_DIR");
    if (!env.isEmpty())
        return env;
    return QSettings().value(QLatin1String(kDirKey)).toString();
}

void ModelSettings::rememberModelDir(const QString &dir)
{
    QSettings().setValue(QLatin1String(kDirKey), dir);
}

PipelineOptions ModelSettings::savedOptions()
{
    QSettings settings;
    PipelineOptions o;
    try {
        o.device = computeDeviceFromString(toStd(settings.value(QLatin1String(kDeviceKey), QStringLiteral("cpu")).toString()));
        o.precision = precisionFromString(toStd(settings.value(QLatin1String(kPrecisionKey), QStringLiteral("fp32")).toString()));
    } catch (const std::exception &) {
        o = PipelineOptions{}; // a hand-edited setting falls back to the defaults
    }
    if (o.device == ComputeDevice::Cuda && !cudaAvailable()) {
        o.device = ComputeDevice::Cpu;
        if (o.precision == Precision::Fp16)
            o.precision = Precision::Fp32;
    }
    o.threads = settings.value(QLatin1String(kThreadsKey), 0).toInt();
    return o;
}

void ModelSettings::saveOptions(const PipelineOptions &options)
{
    QSettings settings;
    settings.setValue(QLatin1String(kDeviceKey), QString::fromLatin1(toString(options.device)));
    settings.setValue(QLatin1String(kPrecisionKey), QString::fromLatin1(toString(options.precision)));
    settings.setValue(QLatin1String(kThreadsKey), options.threads);
}

int ModelSettings::batchSize()
{
    const int size = QSettings().value(QLatin1String(kBatchSizeKey), kDefaultBatchSize).toInt();
    return size >= 1 && size <= 64 ? size : kDefaultBatchSize; // a hand-edited value falls back
}

void ModelSettings::saveBatchSize(int size)
{
    QSettings().setValue(QLatin1String(kBatchSizeKey), size);
}

} // namespace florence::ui
