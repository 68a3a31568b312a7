#pragma once
// Helpers shared by the UI test suites: a Prompts implementation that answers and records, and
// writers for image and raw files.

#include "project/prompts.h"

#include <QFile>
#include <QImage>
#include <QPixmap>
#include <QSet>
#include <QStringList>
#include <QWidget>
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
    QStringList reports; ///< "title: text\ndetails" of each report (export summaries)
    void report(const QString &title, const QString &text, const QString &details) override
    {
        reports << title + QStringLiteral(": ") + text + QLatin1Char('\n') + details;
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

/// True when `image` looks like a rendered window rather than an empty or uniform one: not null and
/// at least 16 distinct colours on a 64 x 64 sample grid.
inline bool looksRendered(const QImage &image)
{
    if (image.isNull())
        return false;
    QSet<QRgb> colours;
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x)
            colours.insert(image.pixel(x * (image.width() - 1) / 63, y * (image.height() - 1) / 63));
    return colours.size() >= 16;
}

/// Grabs `widget`, checks that the grab has the widget's size and looks rendered, and saves it to `path`.
inline bool saveRendered(QWidget *widget, const QString &path)
{
    const QPixmap grab = widget->grab();
    if (grab.deviceIndependentSize().toSize() != widget->size()) {
        qWarning("grab of %s is %dx%d, the widget %dx%d", qPrintable(path), grab.width(), grab.height(),
                 widget->width(), widget->height());
        return false;
    }
    if (!looksRendered(grab.toImage())) {
        qWarning("grab of %s looks blank", qPrintable(path));
        return false;
    }
    return grab.save(path);
}

} // namespace florence::test
