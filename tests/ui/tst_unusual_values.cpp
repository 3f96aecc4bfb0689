// Values far outside what the studies use are allowed but marked: a yellow frame at the field
// with the reason in its tooltip, Run still enabled. Problems keep their red mark.
#include <QAction>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "experiment_form.h"
#include "form/key_field.h"
#include "form/sweep_editor.h"
#include "form/unusual_values.h"
#include "main_window.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_unusual_values : public QObject {
  Q_OBJECT

  static ExperimentSpec learningRateSweep() {
    ExperimentSpec spec = test::tinyExperiment();  // 3,000 rows: 2,160 train
    spec.sweep = {{"training.learning_rate", {"1e-3", "1e-2"}}};
    return spec;
  }

  static void typeInto(KeyField* field, const QString& text) {
    auto* line = qobject_cast<QLineEdit*>(field->editor());
    QVERIFY(line);
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
  }

  static bool markedYellow(QWidget* editor) { return editor->styleSheet().contains("#fff8e1"); }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
  }

  void reasons_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("usual");
    QTest::addColumn<QString>("unusual");
    QTest::addColumn<QString>("reason");
    QTest::newRow("learning rate") << "training.learning_rate"
                                   << "0.1"
                                   << "5"
                                   << "above 1";
    QTest::newRow("batch size") << "training.batch_size"
                                << "2048"
                                << "4096"
                                << "2,160 training rows";
    QTest::newRow("epochs") << "training.max_epochs"
                            << "1000"
                            << "1001"
                            << "epochs";
    QTest::newRow("weight decay") << "training.weight_decay"
                                  << "0.01"
                                  << "3"
                                  << "weight decay";
    QTest::newRow("samples") << "dataset.samples"
                             << "830000"
                             << "20000000"
                             << "830,000";
  }

  void reasons() {
    QFETCH(QString, key);
    QFETCH(QString, usual);
    QFETCH(QString, unusual);
    QFETCH(QString, reason);
    ExperimentSpec spec = learningRateSweep();
    spec.sweep.clear();
    applyOverride(spec, key.toStdString(), usual.toStdString(), "test");
    QVERIFY(unusualValueReason(spec, key.toStdString()).isEmpty());
    applyOverride(spec, key.toStdString(), unusual.toStdString(), "test");
    const QString text = unusualValueReason(spec, key.toStdString());
    QVERIFY2(text.contains(reason), qPrintable(text));
  }

  // The ready studies use nothing unusual.
  void readyStudiesHaveNoWarnings() {
    for (const QString& path : test::experimentFiles()) {
      ExperimentForm form;
      form.setSpec(loadExperimentFile(path.toStdString()));
      for (const KeyInfo& info : experimentKeys()) {
        if (KeyField* field = form.field(QString::fromStdString(info.key)))
          QVERIFY2(field->warning().isEmpty(), qPrintable(path + ": " + field->warning()));
      }
      for (size_t axis = 0; axis < form.spec().sweep.size(); ++axis)
        QVERIFY2(form.sweepEditor()->warning(int(axis)).isEmpty(), qPrintable(path));
    }
  }

  void aLearningRateOfFiveIsMarkedButRuns() {
    MainWindow w;
    w.setConfirmations(false);
    w.resize(1400, 900);
    w.show();
    ExperimentSpec spec = test::tinyExperiment();
    spec.sweep.clear();
    w.form()->setSpec(spec);
    KeyField* rate = w.form()->field("training.learning_rate");
    typeInto(rate, "5");
    QVERIFY(rate->problem().isEmpty());
    QVERIFY(rate->warning().contains("above 1"));
    QVERIFY(markedYellow(rate->editor()));
    QVERIFY(rate->editor()->toolTip().contains("Unusual"));
    QVERIFY(w.form()->isValid());
    QVERIFY(w.action("run")->isEnabled());
    auto* tabs = w.form()->findChild<QTabWidget*>();
    for (int page = 0; page < tabs->count(); ++page)
      if (tabs->tabText(page) == "Training") tabs->setCurrentIndex(page);
    test::saveScreenshot(&w, "learning_rate_5");

    typeInto(rate, "-5");  // a problem, not a warning: red, and Run is off
    QVERIFY(!rate->problem().isEmpty());
    QVERIFY(!markedYellow(rate->editor()));
    QVERIFY(!w.action("run")->isEnabled());
    typeInto(rate, "1e-3");
    QVERIFY(rate->warning().isEmpty());
    QVERIFY(rate->editor()->styleSheet().isEmpty());
    QVERIFY(w.action("run")->isEnabled());
  }

  void unusualSweptValuesMarkTheirRow() {
    ExperimentForm form;
    form.setSpec(learningRateSweep());
    QVERIFY(form.sweepEditor()->warning(0).isEmpty());
    QLineEdit* values = form.sweepEditor()->valuesEditor(0);
    values->selectAll();
    QTest::keyClick(values, Qt::Key_Backspace);
    QTest::keyClicks(values, "1e-3, 5");
    QVERIFY(form.isValid());
    QVERIFY(form.sweepEditor()->warning(0).contains("above 1"));
    QVERIFY(!form.sweepEditor()->isMarked(0));
    QVERIFY(markedYellow(values));
    QVERIFY(values->toolTip().contains("Unusual"));
    // The swept key's own field is not marked: its single value does not train.
    QVERIFY(form.field("training.learning_rate")->warning().isEmpty());
  }
};

QTEST_MAIN(tst_unusual_values)
#include "tst_unusual_values.moc"
