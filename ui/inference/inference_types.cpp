#include "inference/inference_types.h"

#include "convert.h"

#include <QCoreApplication>

namespace florence::ui {

void registerInferenceTypes()
{
    qRegisterMetaType<ModelLoadRequest>();
    qRegisterMetaType<ModelLoadResult>();
    qRegisterMetaType<InferenceRequest>();
    qRegisterMetaType<InferenceProgress>();
    qRegisterMetaType<InferenceResult>();
}

bool isTruncated(const InferenceResult &result)
{
    if (result.truncatedTiles > 0)
        return true;
    for (const RunResult &run : result.runs)
        if (run.truncated)
            return true;
    return false;
}

QString rawOutputText(const InferenceResult &result)
{
    QStringList blocks;
    for (std::size_t i = 0; i < result.runs.size(); ++i) {
        const RunResult &run = result.runs[i];
        QString block;
        if (result.tiles > 0)
            block += QCoreApplication::translate("florence::ui::InferenceResult", "Tile %1 of %2 (%3 × %4 px)")
                         .arg(i + 1)
                         .arg(result.tiles)
                         .arg(run.imageWidth)
                         .arg(run.imageHeight)
                     + (run.truncated ? QStringLiteral(" · ")
                                            + QCoreApplication::translate("florence::ui::InferenceResult",
                                                                          "cut at max tokens")
                                      : QString())
                     + QLatin1Char('\n');
        else if (result.runs.size() > 1)
            block += QCoreApplication::translate("florence::ui::InferenceResult", "Run %1 of %2")
                         .arg(i + 1)
                         .arg(result.runs.size())
                     + QLatin1Char('\n');
        block += QCoreApplication::translate("florence::ui::InferenceResult", "Prompt: %1").arg(toQt(run.prompt))
                 + QLatin1Char('\n') + toQt(run.text);
        blocks << block;
    }
    return blocks.join(QStringLiteral("\n\n"));
}

RunTimings totalTimings(const InferenceResult &result)
{
    RunTimings t;
    for (const RunResult &run : result.runs) {
        t.preprocessMs += run.timings.preprocessMs;
        t.visionMs += run.timings.visionMs;
        t.encoderMs += run.timings.encoderMs;
        t.decodeMs += run.timings.decodeMs;
        t.postprocessMs += run.timings.postprocessMs;
        t.totalMs += run.timings.totalMs;
        t.decodeSteps += run.timings.decodeSteps;
    }
    return t;
}

} // namespace florence::ui
