#pragma once
// The application's main window: menus, the image canvas and the docks around it.

#include <QMainWindow>
#include <QString>

class QGraphicsScene;
class QGraphicsView;
class QLabel;

namespace florence::ui {

/// Main window of Florence Studio. Starts without a model and without images.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    /// Loads and shows one image file. Returns false (and shows the reason in the status bar
    /// and the returned error text) when it cannot be decoded.
    bool openImage(const QString &path, QString *error = nullptr);

    /// The file currently shown, empty when none.
    QString currentImagePath() const { return m_currentPath; }
    /// Size in pixels of the image currently shown (invalid when none).
    QSize currentImageSize() const { return m_currentSize; }

private:
    void createMenus();
    void showModelHelp();
    void chooseImage();

    QGraphicsScene *m_scene = nullptr;
    QGraphicsView *m_view = nullptr;
    QLabel *m_modelLabel = nullptr;
    QString m_currentPath;
    QSize m_currentSize;
};

} // namespace florence::ui
