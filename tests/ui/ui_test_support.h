#pragma once
// Helpers shared by the UI test suites: a Prompts implementation that answers and records, and
// writers for image and raw files.

#include "project/prompts.h"

#include <QFile>
#include <QImage>
#include <QStringList>
#include <QtTest>

namespace florence::test {

/// Answers ProjectController's questions as configured and records every warning and question.
struct FakePrompts : ui::Prompts
{
    QStringList warnings;        ///< "title: text" of each warning
    QStringList locationReasons; ///< the reason given with each chooseProjectLocation()
    QString location;            ///< answer to chooseProjectLocation (empty: decline)
    ui::ImportMode importMode = ui::ImportMode::Add;
    int importQuestions = 0;

    void warning(const QString &title, const QString &text) override { warnings << title + QStringLiteral(": ") + text; }
    QString chooseProjectLocation(const QString &, const QString &reason) override
    {
        locationReasons << reason;
        return location;
    }
    ui::ImportMode askImportMode(int) override
    {
        ++importQuestions;
        return importMode;
    }
};

/// Writes a `w` x `h` image filled with `color` (format from the file extension).
inline void writeImage(const QString &path, int w, int h, Qt::GlobalColor color = Qt::darkGreen)
{
    QImage image(w, h, QImage::Format_RGB888);
    image.fill(color);
    QVERIFY2(image.save(path), qPrintable(path));
}

/// Writes raw bytes to `path`.
inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
}

} // namespace florence::test
