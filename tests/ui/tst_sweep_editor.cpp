// Adding a swept key: the new row sweeps a key that is not swept yet with a short list of
// values, so the study stays valid; a row in error is the only one marked; and the form's
// pane grows so the rows, the Add button and the problem line stay in view.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>

#include "experiment_form.h"
#include "form/sweep_editor.h"
#include "form/sweep_presets.h"
#include "main_window.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_sweep_editor : public QObject {
  Q_OBJECT

  static QPushButton* addButton(ExperimentForm* form) {
    for (QPushButton* button : form->sweepEditor()->findChildren<QPushButton*>())
      if (button->text() == "Add swept key") return button;
    return nullptr;
  }

  // As a person empties a field: textEdited fires (clear() would not).
  static void erase(QLineEdit* edit) {
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
  }

  static QStringList rowValues(ExperimentForm* form, int axis) {
    return form->sweepEditor()->valuesEditor(axis)->text().split(", ");
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
  }

  void newRowsSweepKeysNotSweptYet() {
    ExperimentForm form;
    ExperimentSpec spec = test::tinyExperiment();  // sweeps the batch size
    form.setSpec(spec);
    QPushButton* add = addButton(&form);
    QVERIFY(add);
    add->click();
    QCOMPARE(form.sweepEditor()->keyEditor(1)->currentText(), QString("training.learning_rate"));
    QCOMPARE(rowValues(&form, 1), (QStringList{"1e-4", "1e-3", "1e-2"}));
    QVERIFY2(form.isValid(), qPrintable(form.firstProblem()));
    QCOMPARE(form.trialCount(), 6);
    add->click();
    QCOMPARE(form.sweepEditor()->keyEditor(2)->currentText(), QString("model.name"));
    QCOMPARE(rowValues(&form, 2), (QStringList{"jsc-tiny", "jsc-tiny-x10"}));
    QVERIFY2(form.isValid(), qPrintable(form.firstProblem()));
    QCOMPARE(form.trialCount(), 12);
    for (int axis = 0; axis < 3; ++axis) QVERIFY(!form.sweepEditor()->isMarked(axis));
  }

  void startingValuesFitTheKey_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("learning rate")
        << "training.learning_rate" << QStringList{"1e-4", "1e-3", "1e-2"};
    QTest::newRow("batch size") << "training.batch_size" << QStringList{"64", "128", "256"};
    QTest::newRow("epochs") << "training.max_epochs" << QStringList{"10", "20", "50"};
    QTest::newRow("optimizer") << "training.optimizer" << QStringList{"adam", "adamw", "sgd"};
    QTest::newRow("early stopping")
        << "training.early_stopping.enabled" << QStringList{"true", "false"};
  }

  void startingValuesFitTheKey() {
    QFETCH(QString, key);
    QFETCH(QStringList, values);
    QCOMPARE(startingValues(key), values);
    // Every starting list is a valid sweep of a ready study.
    ExperimentSpec spec = test::tinyExperiment();
    spec.sweep = {{key.toStdString(), {}}};
    for (const QString& value : values) spec.sweep[0].values.push_back(value.toStdString());
    QCOMPARE(int(expandTrials(spec).size()), int(values.size()));
  }

  void nextKeySkipsSweptOnes() {
    QCOMPARE(nextKeyToSweep({}), QString("training.learning_rate"));
    QCOMPARE(nextKeyToSweep({"training.learning_rate"}), QString("training.batch_size"));
    QCOMPARE(nextKeyToSweep({"training.learning_rate", "training.batch_size", "model"}),
             QString("training.max_epochs"));
    QVERIFY(!nextKeyToSweep(sweepableKeys()).isEmpty());
  }

  // Only the row in error is marked, and only while it is.
  void onlyTheRowInErrorIsMarked() {
    ExperimentForm form;
    form.setSpec(test::tinyExperiment());
    addButton(&form)->click();
    addButton(&form)->click();
    QLineEdit* rates = form.sweepEditor()->valuesEditor(1);
    erase(rates);
    QTest::keyClicks(rates, "1e-3, -1");
    QVERIFY(!form.isValid());
    QVERIFY(!form.sweepEditor()->isMarked(0));
    QVERIFY(form.sweepEditor()->isMarked(1));
    QVERIFY(!form.sweepEditor()->isMarked(2));
    QVERIFY(form.sweepEditor()->valuesEditor(1)->toolTip().contains("learning_rate"));
    erase(rates);
    QVERIFY(form.sweepEditor()->isMarked(1));  // no values at all
    QVERIFY(form.problemFor("sweep").contains("give at least one value"));
    QTest::keyClicks(rates, "1e-3");
    QVERIFY(form.isValid());
    for (int axis = 0; axis < 3; ++axis) QVERIFY(!form.sweepEditor()->isMarked(axis));
  }

  // In the window: after adding rows and making one wrong, the Study page needs no scrolling
  // and the problem line is shown whole.
  void rowsAndProblemStayInView() {
    MainWindow w;
    w.setConfirmations(false);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(QDir(test::experimentsDir()).filePath("batch_size.yaml")));
    ExperimentForm* form = w.form();
    addButton(form)->click();
    addButton(form)->click();
    QLineEdit* rates = form->sweepEditor()->valuesEditor(1);
    erase(rates);
    QVERIFY(!form->isValid());
    QTest::qWait(50);  // the splitter lays the pane out again
    auto* page = qobject_cast<QScrollArea*>(form->findChild<QTabWidget*>()->currentWidget());
    QVERIFY(page);
    QCOMPARE(page->verticalScrollBar()->maximum(), 0);
    QPushButton* add = addButton(form);
    QVERIFY(add->visibleRegion().boundingRect().height() == add->height());
    QLabel* banner = nullptr;
    for (QLabel* label : form->findChildren<QLabel*>())
      if (label->text().startsWith(QStringLiteral("⚠"))) banner = label;
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->height() >= banner->heightForWidth(banner->width()));
    test::saveScreenshot(&w, "add_swept_key_problem");
    rates->setText("1e-4, 1e-3");
    Q_EMIT rates->textEdited(rates->text());
    QVERIFY(form->isValid());
    test::saveScreenshot(&w, "add_swept_key_valid");
  }
};

QTEST_MAIN(tst_sweep_editor)
#include "tst_sweep_editor.moc"
