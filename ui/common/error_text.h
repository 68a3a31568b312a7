#pragma once
// The one place where a failure from core becomes text for the user: a translated sentence chosen by
// what the user was doing (the context) and what went wrong (core's ErrorKind), with core's English,
// technical message kept as the detail (a second line, a tooltip or a "Details" field).

#include "common/error.h"

#include <QCoreApplication>
#include <QString>

#include <exception>

namespace florence::ui {

/// What the user was doing when core failed; picks the wording of the message.
enum class ErrorContext {
    Image,     ///< decoding an image file (image list entry, canvas)
    ModelLoad, ///< loading a model folder
    Run,       ///< running the model on an image (interactive run, batch image)
    Read,      ///< reading a project, annotation or preset file (open, import)
    Write,     ///< writing a file (project save, export, preset)
    Training,  ///< fine-tuning a model
    Download,  ///< downloading a model
};

/// A failure caught in ui/: core's kind and its English, technical message.
struct ErrorInfo
{
    ErrorKind kind = ErrorKind::Internal;
    QString detail; ///< core's message, untranslated (names the file, key, field); may be empty
};

/// The kind and message of `e`: a florence::Error keeps its kind, any other exception (libtorch,
/// the standard library) gets `fallback`.
ErrorInfo errorInfo(const std::exception &e, ErrorKind fallback = ErrorKind::Internal);

/// Translatable sentences for core failures (context "florence::ui::ErrorText").
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(florence::ui::ErrorText)

public:
    /// The translated one-line sentence for `kind` in `context`, without any English detail
    /// ("This image cannot be read.").
    static QString summary(ErrorContext context, ErrorKind kind);
};

/// The translated sentence for `context` and `kind`, then core's detail on a second line (the
/// detail is left out when empty). Use where a message box or label shows the whole text.
QString userMessage(ErrorContext context, ErrorKind kind, const QString &detail);
/// The same for a caught failure.
QString userMessage(ErrorContext context, const ErrorInfo &error);

} // namespace florence::ui
