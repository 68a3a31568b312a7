#include "main_window.h"

#include "common/error.h"
#include "convert.h"
#include "image/decode.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace florence::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Florence Studio"));
    m_scene = new QGraphicsScene(this);
    m_view = new QGraphicsView(m_scene, this);
    m_view->setBackgroundBrush(QColor(48, 48, 52));
    setCentralWidget(m_view);

    m_modelLabel = new QLabel(tr("No model loaded — Model ▸ Choose model folder… (see Help ▸ Getting a model)"), this);
    statusBar()->addPermanentWidget(m_modelLabel);
    createMenus();
    resize(1200, 800);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Image…"), this, &MainWindow::chooseImage);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *model = menuBar()->addMenu(tr("&Model"));
    model->addAction(tr("Getting a model…"), this, &MainWindow::showModelHelp);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Getting a model…"), this, &MainWindow::showModelHelp);
    help->addAction(tr("&About Florence Studio"), this, [this] {
        QMessageBox::about(this, tr("About Florence Studio"),
                           tr("Florence Studio runs Microsoft's Florence-2 vision-language model locally and turns "
                              "its answers into editable annotations."));
    });
}

void MainWindow::showModelHelp()
{
    QMessageBox::information(
        this, tr("Getting a model"),
        tr("Florence Studio needs a Florence-2 model folder in the Hugging Face layout "
           "(config.json, preprocessor_config.json, tokenizer files and model.safetensors or "
           "pytorch_model.bin), e.g. microsoft/Florence-2-base.\n\n"
           "Download one with:\n    bash scripts/download-model.sh base models/Florence-2-base\n\n"
           "then choose that folder with Model ▸ Choose model folder…, or start the app with "
           "--model DIR or FLORENCE_MODEL_DIR=DIR."));
}

void MainWindow::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), QString(),
                                                      tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)"));
    if (!path.isEmpty()) {
        QString error;
        if (!openImage(path, &error))
            QMessageBox::warning(this, tr("Cannot open image"), error);
    }
}

bool MainWindow::openImage(const QString &path, QString *error)
{
    QImage image;
    try {
        image = toQImage(decodeImageFile(path.toStdString()));
    } catch (const std::exception &e) {
        const QString message = tr("Could not open %1: %2").arg(path, QString::fromUtf8(e.what()));
        statusBar()->showMessage(message);
        if (error)
            *error = message;
        return false;
    }
    m_scene->clear();
    m_scene->addPixmap(QPixmap::fromImage(image));
    m_scene->setSceneRect(image.rect());
    m_view->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    m_currentPath = path;
    m_currentSize = image.size();
    setWindowTitle(tr("%1 — Florence Studio").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()));
    return true;
}

} // namespace florence::ui
