#include "application.h"

#include <QDebug>

namespace florence::ui {

Application::Application(int &argc, char **argv)
    : QApplication(argc, argv)
{
}

bool Application::notify(QObject *receiver, QEvent *event)
{
    try {
        return QApplication::notify(receiver, event);
    } catch (const std::exception &e) {
        m_lastError = QString::fromUtf8(e.what());
    } catch (...) {
        m_lastError = QStringLiteral("unknown exception");
    }
    qCritical("Florence Studio: an operation failed and was abandoned: %s", qPrintable(m_lastError));
    Q_EMIT unexpectedError(m_lastError);
    return false;
}

} // namespace florence::ui
