#pragma once
// Translated names and one-line descriptions of the 15 Florence-2 tasks (core/tasks/task.h holds the
// English originals; the strings are repeated here so that lupdate sees them).

#include "pipeline.h"
#include "tasks/task.h"

#include <QString>
#include <QStringList>

namespace florence::ui {

/// The task's readable name in the UI language, e.g. "Object detection" / "Objekterkennung".
QString taskName(Task task);
/// The task's one-line description in the UI language.
QString taskDescription(Task task);
/// Placeholder of the text field for a text task ("" for other tasks).
QString taskInputHint(Task task);
/// Name of a progress stage ("Vision encoder", "Decoding", ...).
QString stageName(RunStage stage);
/// Every English string this file translates (tests check that core's table is covered).
QStringList taskTranslationSources();

} // namespace florence::ui
