#include "common/error_text.h"

namespace florence::ui {

ErrorInfo errorInfo(const std::exception &e, ErrorKind fallback)
{
    ErrorInfo out;
    if (const auto *error = dynamic_cast<const Error *>(&e))
        out.kind = error->kind();
    else
        out.kind = fallback;
    out.detail = QString::fromUtf8(e.what());
    return out;
}

QString ErrorText::summary(ErrorContext context, ErrorKind kind)
{
    switch (context) {
    case ErrorContext::Image:
        switch (kind) {
        case ErrorKind::Io: return tr("This image file cannot be opened.");
        case ErrorKind::Cancelled: return tr("Loading this image was stopped.");
        case ErrorKind::Internal: return tr("This image cannot be shown because of an internal error.");
        case ErrorKind::BadInput:
        case ErrorKind::ModelFormat: break;
        }
        return tr("This image cannot be read.");
    case ErrorContext::ModelLoad:
        switch (kind) {
        case ErrorKind::ModelFormat:
            return tr("The model folder cannot be loaded: its files are incomplete or not a Florence-2 model.");
        case ErrorKind::Io: return tr("The model files cannot be read.");
        case ErrorKind::Cancelled: return tr("Loading the model was stopped.");
        case ErrorKind::Internal: return tr("The model cannot be loaded because of an internal error.");
        case ErrorKind::BadInput: break;
        }
        return tr("The model folder cannot be loaded.");
    case ErrorContext::Run:
        switch (kind) {
        case ErrorKind::BadInput: return tr("The run failed: the image or the task's input cannot be used.");
        case ErrorKind::ModelFormat: return tr("The run failed: the model cannot run this task.");
        case ErrorKind::Io: return tr("The run failed: a file cannot be read.");
        case ErrorKind::Cancelled: return tr("The run was stopped.");
        case ErrorKind::Internal: break;
        }
        return tr("The run failed because of an internal error.");
    case ErrorContext::Read:
        switch (kind) {
        case ErrorKind::BadInput:
        case ErrorKind::ModelFormat: return tr("The file cannot be read: its contents are not valid.");
        case ErrorKind::Cancelled: return tr("Reading the file was stopped.");
        case ErrorKind::Internal: return tr("The file cannot be read because of an internal error.");
        case ErrorKind::Io: break;
        }
        return tr("The file cannot be read.");
    case ErrorContext::Write:
        switch (kind) {
        case ErrorKind::BadInput:
        case ErrorKind::ModelFormat: return tr("The file cannot be written: the data does not fit the format.");
        case ErrorKind::Cancelled: return tr("Writing the file was stopped.");
        case ErrorKind::Internal: return tr("The file cannot be written because of an internal error.");
        case ErrorKind::Io: break;
        }
        return tr("The file cannot be written.");
    case ErrorContext::Training:
        switch (kind) {
        case ErrorKind::BadInput: return tr("The training failed: the examples cannot be used.");
        case ErrorKind::ModelFormat: return tr("The training failed: this model cannot be trained.");
        case ErrorKind::Io: return tr("The training failed: a file cannot be read or written.");
        case ErrorKind::Cancelled: return tr("The training was stopped.");
        case ErrorKind::Internal: break;
        }
        return tr("The training failed because of an internal error.");
    case ErrorContext::Download:
        switch (kind) {
        case ErrorKind::BadInput: return tr("The download failed: the model name is not valid.");
        case ErrorKind::ModelFormat: return tr("The download failed: the repository holds no usable Florence-2 model.");
        case ErrorKind::Cancelled: return tr("The download was stopped.");
        case ErrorKind::Internal: return tr("The download failed because of an internal error.");
        case ErrorKind::Io: break;
        }
        return tr("The download failed: a file could not be fetched, checked or stored.");
    }
    return tr("The operation failed.");
}

QString userMessage(ErrorContext context, ErrorKind kind, const QString &detail)
{
    const QString summary = ErrorText::summary(context, kind);
    return detail.isEmpty() ? summary : summary + QLatin1Char('\n') + detail;
}

QString userMessage(ErrorContext context, const ErrorInfo &error)
{
    return userMessage(context, error.kind, error.detail);
}

} // namespace florence::ui
