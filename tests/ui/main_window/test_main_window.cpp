// Tests of the main window shell: starts without a model, opens images, reports bad ones.
#include "main_window.h"

#include <QImage>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QtTest>

using florence::ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsWithoutModel();
    void opensImage();
    void rejectsCorruptImage();
};

void TestMainWindow::startsWithoutModel()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList menus;
    for (QAction *a : w.menuBar()->actions())
        menus << a->text().remove(QLatin1Char('&'));
    QVERIFY(menus.contains(QStringLiteral("File")));
    QVERIFY(menus.contains(QStringLiteral("Model")));
    QVERIFY(w.currentImagePath().isEmpty());
}

void TestMainWindow::opensImage()
{
    QTemporaryDir dir;
    QImage img(37, 21, QImage::Format_RGB888);
    img.fill(Qt::red);
    const QString path = dir.filePath(QStringLiteral("red.png"));
    QVERIFY(img.save(path));
    MainWindow w;
    QVERIFY(w.openImage(path));
    QCOMPARE(w.currentImagePath(), path);
    QCOMPARE(w.currentImageSize(), QSize(37, 21));
}

void TestMainWindow::rejectsCorruptImage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.png"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("\x89PNG\r\n\x1a\nthis is not a png");
    f.close();
    MainWindow w;
    QString error;
    QVERIFY(!w.openImage(path, &error));
    QVERIFY2(error.contains(QStringLiteral("broken.png")), qPrintable(error));
    QVERIFY(w.currentImagePath().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
