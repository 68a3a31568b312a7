#pragma once
// Shared setup of the inference UI suites: the tiny fixture model and its <loc_N>-biased variant
// (written once per process), a main window on a folder of fixture images with a model loaded, and
// helpers that run a task and wait for its answer.

#include "canvas/canvas_scene.h"
#include "canvas/canvas_view.h"
#include "canvas/items/image_item.h"
#include "fixture_data.h"
#include "inference/inference_controller.h"
#include "inference/model_session.h"
#include "main_window.h"
#include "model_variants.h"
#include "panels/task_dock.h"
#include "project/project_controller.h"
#include "ui/ui_test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace florence::test {

/// Model folders for the suites: the fixture model as is, and writeLocModel's variant.
struct TestModels
{
    QTemporaryDir dir;
    QString plain = qs(fixturePath("model"));
    QString loc;

    TestModels()
    {
        loc = dir.filePath(QStringLiteral("model_loc"));
        writeLocModel(loc);
    }
    static TestModels &get()
    {
        static TestModels models;
        return models;
    }
};

/// Copies fixture image `name` (under fixtures/images) to `path`.
inline bool copyFixtureImage(const char *name, const QString &path)
{
    return QFile::copy(qs(fixturePath(std::string("images/") + name)), path);
}

/// A shown main window on a folder with three fixture images and a corrupt one, model loaded.
struct Studio
{
    QTemporaryDir dir;
    FakePrompts prompts;
    std::unique_ptr<ui::MainWindow> w;

    /// `model` empty: no model is loaded.
    explicit Studio(const QString &model = TestModels::get().loc, bool withBroken = false)
    {
        copyFixtureImage("img0_photo_640x480.jpg", dir.filePath(QStringLiteral("a.jpg")));
        copyFixtureImage("img1_tall_300x900.png", dir.filePath(QStringLiteral("b.png")));
        copyFixtureImage("img2_rgba_256x200.png", dir.filePath(QStringLiteral("c.png")));
        if (withBroken)
            writeBytes(dir.filePath(QStringLiteral("broken.jpg")), QByteArray("\xff\xd8\xff\xe0 truncated", 15));
        w = std::make_unique<ui::MainWindow>();
        w->setPrompts(&prompts);
        w->resize(1400, 900);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            qWarning("window not exposed");
        w->controller()->autosaver()->setDelay(50);
        QSignalSpy shown(w.get(), &ui::MainWindow::imageShown);
        w->openFolder(dir.path(), false);
        if (shown.isEmpty())
            shown.wait(10000);
        session()->taskDock()->maxTokensBox()->setValue(40); // the tiny model at 40 tokens: ~0.1 s a run
        if (!model.isEmpty())
            load(model);
    }
    ui::ModelSession *session() const { return w->modelSession(); }
    ui::InferenceController *controller() const { return session()->controller(); }
    ui::TaskDock *taskDock() const { return session()->taskDock(); }
    ui::Document *doc() const { return w->document(); }
    /// Loads `model` and waits; false when it failed.
    bool load(const QString &model)
    {
        QSignalSpy loaded(controller(), &ui::InferenceController::modelStateChanged);
        session()->loadModel(model);
        return QTest::qWaitFor([&] { return controller()->modelState() != ui::InferenceController::ModelState::Loading; },
                               30000)
            && controller()->isModelReady();
    }
    /// Shows image `index` and waits for its pixels.
    bool show(int index)
    {
        if (w->currentImage() == index && w->scene()->imageItem()->pyramid())
            return true;
        QSignalSpy shown(w.get(), &ui::MainWindow::imageShown);
        w->showImage(index);
        return !shown.isEmpty() || shown.wait(10000);
    }
    /// Waits for the answer of request `id` (0: fails); the answer lands in `out`.
    bool wait(quint64 id, ui::InferenceResult *out = nullptr, int timeoutMs = 60000)
    {
        if (id == 0)
            return false;
        QSignalSpy done(session(), &ui::ModelSession::runFinished);
        if (!done.wait(timeoutMs))
            return false;
        const auto result = done.last().at(0).value<ui::InferenceResult>();
        if (out)
            *out = result;
        return result.id == id;
    }
    /// Runs the task panel's current job on the current image and waits for it.
    bool run(ui::InferenceResult *out = nullptr, QString *why = nullptr)
    {
        QString reason;
        const quint64 id = session()->runCurrent(&reason);
        if (why)
            *why = reason;
        return wait(id, out);
    }
    /// Adds a manual box (image pixels) to the current image and selects it; returns its id.
    ui::ShapeId addBox(const Box &box, const std::string &label = "thing")
    {
        Shape s;
        s.box = box;
        s.label = label;
        const QVector<ui::ShapeId> ids = doc()->addAnnotations(w->currentImage(), {s});
        w->scene()->selectIds(ids, true);
        return ids.value(0);
    }
};

} // namespace florence::test
