// Tests of the fine-tuning GUI of issue 14 with the tiny fixture model: the fine-tune dialog builds
// examples from reviewed images by default, a run trains off the GUI thread (the event loop keeps
// turning), the Training dock draws falling loss points per step and validation points per epoch,
// inference answers meanwhile, pause holds and cancel stops it, and "Use the New Model" loads the
// trained folder and runs the current image again with different answers.
#include "dialogs/fine_tune_dialog.h"
#include "inference/model_finder.h"
#include "inference/training_runner.h"
#include "inference/training_session.h"
#include "inference_test_support.h"
#include "panels/training_dock.h"
#include "test_registry.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QtTest>

#include <numeric>

using namespace florence;
using namespace florence::ui;
using namespace florence::test;

namespace {

/// Gives each image of the studio one labelled box; images in `reviewed` are marked reviewed.
void annotate(Studio &s, const QVector<int> &reviewed)
{
    for (int i = 0; i < 3; ++i) {
        QVERIFY(s.show(i));
        const ImageRecord &r = s.doc()->image(i);
        QVERIFY(r.width > 0 && r.height > 0);
        Shape box;
        box.box = Box{r.width * 0.2, r.height * 0.25, r.width * 0.7, r.height * 0.8};
        box.label = i == 1 ? "tower" : "cat";
        s.doc()->addAnnotations(i, {box});
        if (reviewed.contains(i))
            s.doc()->setStatus(i, ImageStatus::Reviewed);
    }
}

double mean(const QVector<QPointF> &points, int from, int count)
{
    double sum = 0;
    for (int i = from; i < from + count; ++i)
        sum += points[i].y();
    return sum / count;
}

} // namespace

class TestFineTuneUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dialogBuildsExamplesFromReviewedImages();
    void trainsOffTheGuiThreadAndUsesTheNewModel();
    void pauseHoldsAndCancelStops();
    void screenshots();
};

void TestFineTuneUi::dialogBuildsExamplesFromReviewedImages()
{
    Studio s(TestModels::get().plain);
    annotate(s, {0, 2});
    FineTuneDialog dialog(s.doc(), {1}, s.controller()->modelDir());
    QVERIFY(dialog.reviewedButton()->isChecked()); // reviewed images by default
    dialog.setTasks({Task::ObjectDetection});
    dialog.validPercentBox()->setValue(0);
    QCOMPARE(dialog.trainCount(), 2);
    QVERIFY2(dialog.summaryLabel()->text().contains(QStringLiteral("2 training and 0 validation examples from 2 image")),
             qPrintable(dialog.summaryLabel()->text()));
    const TrainingJob job = dialog.job();
    QCOMPARE(int(job.train.size()), 2);
    for (const TrainingExample &e : job.train) {
        QCOMPARE(e.prefix, std::string("<OD>"));
        QVERIFY2(QString::fromStdString(e.suffix).startsWith(QStringLiteral("cat<loc_")), e.suffix.c_str());
        QVERIFY(QFileInfo(QString::fromStdString(e.image)).isAbsolute());
    }
    QCOMPARE(job.modelDir, s.controller()->modelDir());
    QVERIFY(job.settings.freezeVision);
    QCOMPARE(job.settings.epochs, dialog.epochsBox()->value());

    // The selected image only, and all annotated ones.
    dialog.setImages(FineTuneDialog::Images::Selected);
    QCOMPARE(dialog.trainCount(), 1);
    QVERIFY(QString::fromStdString(dialog.job().train[0].suffix).startsWith(QStringLiteral("tower")));
    dialog.setImages(FineTuneDialog::Images::Annotated);
    QCOMPARE(dialog.trainCount(), 3);
    // Nothing to train on: Train is disabled and the summary says why.
    dialog.setTasks({Task::OcrWithRegion});
    QCOMPARE(dialog.trainCount(), 0);
    QVERIFY(!dialog.trainButton()->isEnabled());
    QVERIFY(dialog.summaryLabel()->text().startsWith(QStringLiteral("No examples")));
    dialog.setTasks({Task::ObjectDetection});
    QVERIFY(dialog.trainButton()->isEnabled());
    dialog.learningRateEdit()->setText(QStringLiteral("0"));
    QVERIFY(!dialog.trainButton()->isEnabled());
    dialog.learningRateEdit()->setText(QStringLiteral("2e-4"));
    QVERIFY(dialog.trainButton()->isEnabled());
    QCOMPARE(dialog.job().settings.lr, 2e-4);
}

void TestFineTuneUi::trainsOffTheGuiThreadAndUsesTheNewModel()
{
    Studio s(TestModels::get().plain);
    annotate(s, {0, 1, 2});
    const QString base = s.controller()->modelDir();
    // What the base model answers on image 0.
    QVERIFY(s.show(0));
    s.taskDock()->setTask(Task::ObjectDetection);
    InferenceResult before;
    QVERIFY(s.run(&before));
    QCOMPARE(int(before.status), int(InferenceStatus::Ok));

    FineTuneDialog dialog(s.doc(), {}, base);
    dialog.setTasks({Task::ObjectDetection});
    dialog.epochsBox()->setValue(6);
    dialog.batchSizeBox()->setValue(1);
    dialog.learningRateEdit()->setText(QStringLiteral("1e-3"));
    dialog.validPercentBox()->setValue(0);
    const QString out = s.dir.filePath(QStringLiteral("trained"));
    dialog.setOutputDir(out);
    TrainingJob job = dialog.job();
    QCOMPARE(int(job.train.size()), 3);
    job.settings.dropout = false;
    job.settings.schedule = LrSchedule::Constant;
    job.valid = {job.train[0]}; // a validation loss per epoch

    TrainingSession *training = s.session()->training();
    QVERIFY(training);
    TrainingDock *dock = training->dock();
    QSignalSpy finished(training->runner(), &TrainingRunner::finished);
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(20);
    QString why;
    QVERIFY2(training->start(job, &why), qPrintable(why));
    QVERIFY(training->runner()->isRunning());
    QVERIFY(dock->isVisible());
    QVERIFY(dock->cancelButton()->isEnabled());
    QVERIFY(!dock->useButton()->isEnabled());
    QVERIFY(finished.wait(300000));
    timer.stop();
    const auto outcome = finished.last().at(0).value<TrainingOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.steps, qint64(18));
    QVERIFY(training->runner()->ranOffGuiThread());
    QVERIFY2(ticks > 5, qPrintable(QString::number(ticks))); // the event loop turned while it trained

    // One point per step, falling; one validation point per epoch.
    const QVector<QPointF> &points = dock->trainPoints();
    QCOMPARE(points.size(), 18);
    QCOMPARE(points.first().x(), 1.0);
    QCOMPARE(points.last().x(), 18.0);
    QVERIFY2(mean(points, 15, 3) < mean(points, 0, 3) * 0.8,
             qPrintable(QStringLiteral("%1 -> %2").arg(mean(points, 0, 3)).arg(mean(points, 15, 3))));
    QCOMPARE(dock->validPoints().size(), 6);
    QVERIFY(dock->validPoints().last().y() < dock->validPoints().first().y());
    QVERIFY(dock->stateLabel()->text().contains(QStringLiteral("Step 18 of 18")));
    QVERIFY(dock->stateLabel()->text().contains(QStringLiteral("examples/s")));
    QVERIFY(dock->messageLabel()->text().startsWith(QStringLiteral("Trained 18 step")));
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/model.safetensors")));
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/training_record.json")));
    QCOMPARE(s.controller()->modelDir(), base); // nothing swapped yet
    QVERIFY(ModelFinder::savedFolders().contains(s.dir.path())); // the picker lists it from now on

    // Use the New Model: loads the folder and runs the current task on the current image again.
    QVERIFY(dock->useButton()->isEnabled());
    QSignalSpy ran(s.session(), &ModelSession::runFinished);
    QTest::mouseClick(dock->useButton(), Qt::LeftButton);
    QVERIFY(ran.wait(60000));
    QCOMPARE(s.controller()->modelDir(), out);
    QVERIFY(s.controller()->isModelReady());
    const auto after = ran.last().at(0).value<InferenceResult>();
    QCOMPARE(int(after.status), int(InferenceStatus::Ok));
    QCOMPARE(after.imagePath, before.imagePath);
    QVERIFY2(after.runs[0].text != before.runs[0].text, after.runs[0].text.c_str());
}

void TestFineTuneUi::pauseHoldsAndCancelStops()
{
    Studio s(TestModels::get().plain);
    annotate(s, {0, 1, 2});
    FineTuneDialog dialog(s.doc(), {}, s.controller()->modelDir());
    dialog.setTasks({Task::ObjectDetection});
    dialog.epochsBox()->setValue(200);
    dialog.batchSizeBox()->setValue(1);
    const QString out = s.dir.filePath(QStringLiteral("cancelled"));
    dialog.setOutputDir(out);
    TrainingSession *training = s.session()->training();
    TrainingDock *dock = training->dock();
    QSignalSpy finished(training->runner(), &TrainingRunner::finished);
    QVERIFY(training->start(dialog.job()));
    QString why;
    QVERIFY(!training->start(dialog.job(), &why)); // one run at a time
    QVERIFY(why.contains(QStringLiteral("going")));
    QTRY_VERIFY_WITH_TIMEOUT(dock->trainPoints().size() >= 2, 120000);
    // The model keeps answering while it is being fine-tuned (training has a thread of its own).
    QVERIFY(s.show(0));
    InferenceResult during;
    QVERIFY(s.run(&during));
    QCOMPARE(int(during.status), int(InferenceStatus::Ok));
    QVERIFY(training->runner()->isRunning());

    QTest::mouseClick(dock->pauseButton(), Qt::LeftButton);
    QVERIFY(training->runner()->isPaused());
    QCOMPARE(dock->pauseButton()->text(), QStringLiteral("Resume"));
    QTRY_VERIFY_WITH_TIMEOUT(training->runner()->isHeld(), 60000); // after the step in progress
    QTest::qWait(50); // its report, posted before the hold, arrives
    const int held = dock->trainPoints().size();
    QTest::qWait(1500);
    QCOMPARE(dock->trainPoints().size(), held);
    QTest::mouseClick(dock->pauseButton(), Qt::LeftButton);
    QVERIFY(!training->runner()->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(dock->trainPoints().size() > held, 60000);

    QTest::mouseClick(dock->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.last().at(0).value<TrainingOutcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.steps < 600);
    QVERIFY(dock->messageLabel()->text().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(!dock->useButton()->isEnabled());
    QVERIFY(!QFileInfo::exists(out + QStringLiteral("/model.safetensors")));
    QVERIFY(!training->runner()->isRunning());
}

/// The fine-tune dialog next to the Training dock after a run (fine_tune.png), checked to have
/// rendered; saved into FLORENCE_SCREENSHOT_DIR when set.
void TestFineTuneUi::screenshots()
{
    QTemporaryDir tmp;
    const QString out = qEnvironmentVariable("FLORENCE_SCREENSHOT_DIR", tmp.path());
    Studio s(TestModels::get().plain);
    annotate(s, {0, 1, 2});
    FineTuneDialog dialog(s.doc(), {}, s.controller()->modelDir(), s.w.get());
    dialog.setTasks({Task::ObjectDetection, Task::Caption});
    dialog.epochsBox()->setValue(8);
    dialog.batchSizeBox()->setValue(1);
    dialog.learningRateEdit()->setText(QStringLiteral("5e-4"));
    dialog.setOutputDir(s.dir.filePath(QStringLiteral("models/model-finetuned")));
    dialog.resize(620, 560);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QPixmap dialogShot = dialog.grab();
    TrainingJob job = dialog.job();
    dialog.hide();
    job.valid = {job.train.front(), job.train.back()};
    TrainingSession *training = s.session()->training();
    TrainingDock *dock = training->dock();
    QSignalSpy finished(training->runner(), &TrainingRunner::finished);
    QVERIFY(training->start(job));
    QVERIFY(finished.wait(300000));
    dock->setFloating(true);
    dock->resize(560, dialogShot.height());
    dock->show();
    QTest::qWait(300);
    const QPixmap dockShot = dock->grab();
    QImage sheet(dialogShot.width() + dockShot.width() + 12, std::max(dialogShot.height(), dockShot.height()),
                 QImage::Format_RGB32);
    sheet.fill(Qt::white);
    QPainter painter(&sheet);
    painter.drawPixmap(0, 0, dialogShot);
    painter.drawPixmap(dialogShot.width() + 12, 0, dockShot);
    painter.end();
    QVERIFY(looksRendered(sheet));
    QVERIFY(sheet.save(out + QStringLiteral("/fine_tune.png")));
    dock->setFloating(false);
}

FLORENCE_TEST_CLASS(TestFineTuneUi)
#include "test_fine_tune_ui.moc"
