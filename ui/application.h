#pragma once
// The QApplication of the GUI, with the one guard that keeps an exception from leaving the event loop.

#include <QApplication>

namespace florence::ui {

/// QApplication whose notify() catches what a slot let escape (Qt "Exception Safety": exceptions must
/// not cross the event loop): the event is dropped, the error is logged and reported once through
/// lastError(), and the application keeps running with its in-memory work.
class Application : public QApplication
{
    Q_OBJECT

public:
    Application(int &argc, char **argv);

    bool notify(QObject *receiver, QEvent *event) override;
    /// The message of the last exception caught in notify(), empty if none.
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    /// An exception escaped a slot or event handler (already logged).
    void unexpectedError(const QString &message);

private:
    QString m_lastError;
};

} // namespace florence::ui
