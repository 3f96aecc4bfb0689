// Saving studies from the window: a ready study is never overwritten (Save acts as Save As,
// Save As proposes the study's current name in the person's studies folder and refuses the
// shipped file), a read-only file is treated the same, a person's own file is saved in place,
// and the saved file keeps the source's comments and only the keys that say something.
#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include "experiment_form.h"
#include "experiment_locator.h"
#include "form/key_field.h"
#include "main_window.h"
#include "sweeplab/experiment_io.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_save_study : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString shipped_;  // the ready studies' folder for this test
  QString mine_;     // the person's studies folder
  QStringList proposals_;
  QString choice_;  // what the Save As "dialog" answers

  std::unique_ptr<MainWindow> window(const QString& file) {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setSaveAsHook([this](const QString& proposed) {
      proposals_ << proposed;
      return choice_;
    });
    if (!file.isEmpty() && !w->openFile(file)) return nullptr;
    return w;
  }

  static QByteArray bytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
  }

  static void rename(MainWindow& w, const QString& name) {
    auto* edit = qobject_cast<QLineEdit*>(w.form()->field("name")->editor());
    edit->selectAll();
    QTest::keyClicks(edit, name);
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
    shipped_ = dir_.filePath("share/experiments");
    mine_ = dir_.filePath("home/studies");
    QVERIFY(QDir().mkpath(shipped_));
    for (const char* name : {"batch_size.yaml", "sweeplab-experiment.schema.json"})
      QVERIFY(
          QFile::copy(QDir(test::experimentsDir()).filePath(name), QDir(shipped_).filePath(name)));
    qputenv("SWEEPLAB_EXPERIMENTS_DIR", shipped_.toLocal8Bit());
  }

  void init() {
    proposals_.clear();
    choice_.clear();
    setUserStudiesDir(mine_);
  }

  void saveAsHasItsOwnShortcut() {
    auto w = window({});
    QCOMPARE(w->action("saveAs")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  }

  // The reported case: a ready study renamed, then saved. Save asks where (it would have
  // overwritten the shipped file), proposing the new name in the person's folder; Enter (the
  // proposal taken as it is) makes a new file, and the shipped one is untouched.
  void shippedStudyIsNeverOverwritten() {
    const QString original = QDir(shipped_).filePath("batch_size.yaml");
    const QByteArray before = bytes(original);
    auto w = window(original);
    QVERIFY(w);
    QVERIFY(isProtectedStudy(original));
    rename(*w, "my batch study");
    choice_ = QStringLiteral("(proposal)");
    w->setSaveAsHook([this](const QString& proposed) {
      proposals_ << proposed;
      return proposed;  // Enter
    });
    w->action("save")->trigger();
    QCOMPARE(proposals_, QStringList{QDir(mine_).filePath("my_batch_study.yaml")});
    QCOMPARE(bytes(original), before);
    const QString saved = QDir(mine_).filePath("my_batch_study.yaml");
    QCOMPARE(w->currentFile(), saved);
    QVERIFY(w->windowTitle().contains("my_batch_study.yaml"));
    QCOMPARE(loadExperimentFile(saved.toStdString()).name, std::string("my batch study"));

    // Saved again: now in place, no question.
    rename(*w, "my batch study 2");
    w->action("save")->trigger();
    QCOMPARE(proposals_.size(), 1);
    QCOMPARE(loadExperimentFile(saved.toStdString()).name, std::string("my batch study 2"));
    QCOMPARE(bytes(original), before);
  }

  // Choosing the shipped file itself in Save As is refused.
  void saveAsRefusesTheShippedFile() {
    const QString original = QDir(shipped_).filePath("batch_size.yaml");
    const QByteArray before = bytes(original);
    auto w = window(original);
    QVERIFY(w);
    rename(*w, "changed");
    choice_ = original;
    w->action("saveAs")->trigger();
    QCOMPARE(proposals_.size(), 1);
    QCOMPARE(bytes(original), before);
    QCOMPARE(w->currentFile(), original);
    QVERIFY(w->statusBar()->currentMessage().contains("stay as they are"));
  }

  void readOnlyFileIsSavedElsewhere() {
    const QString file = dir_.filePath("readonly.yaml");
    QVERIFY(QFile::copy(QDir(shipped_).filePath("batch_size.yaml"), file));
    QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::ReadUser));
    const QByteArray before = bytes(file);
    auto w = window(file);
    QVERIFY(w);
    rename(*w, "from read only");
    choice_ = QDir(mine_).filePath("elsewhere.yaml");
    w->action("save")->trigger();
    QCOMPARE(proposals_, QStringList{QDir(mine_).filePath("from_read_only.yaml")});
    QCOMPARE(bytes(file), before);
    QCOMPARE(w->currentFile(), choice_);
  }

  // A person's own file: Save writes it in place, keeping the comments written into it.
  void ownFileIsSavedInPlaceWithItsComments() {
    const QString file = QDir(mine_).filePath("own.yaml");
    QVERIFY(QDir().mkpath(mine_));
    {
      QFile out(file);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(
          "# my own notes on this study\n"
          "name: own\n"
          "training:\n"
          "  max_epochs: 3  # short, for a first look\n"
          "  learning_rate: 1.0e-3\n"
          "sweep:\n"
          "  training.batch_size: [64, 128]\n");
    }
    auto w = window(file);
    QVERIFY(w);
    auto* rate = qobject_cast<QLineEdit*>(w->form()->field("training.learning_rate")->editor());
    rate->selectAll();
    QTest::keyClicks(rate, "0.01");
    w->action("save")->trigger();
    QVERIFY(proposals_.isEmpty());
    const QString text = QString::fromUtf8(bytes(file));
    QCOMPARE(text, QString("# my own notes on this study\n"
                           "name: own\n"
                           "training:\n"
                           "  max_epochs: 3  # short, for a first look\n"
                           "  learning_rate: 0.01\n"
                           "sweep:\n"
                           "  training.batch_size: [64, 128]\n"));
  }

  // What the saved copy of a ready study holds: its header comment, a schema line that still
  // finds the schema, its keys and comments, and no default spelled out.
  void savedCopyKeepsCommentsAndKeys() {
    const QString original = QDir(shipped_).filePath("batch_size.yaml");
    auto w = window(original);
    QVERIFY(w);
    rename(*w, "copy");
    choice_ = QDir(mine_).filePath("copy.yaml");
    QVERIFY(QDir().mkpath(mine_));
    w->action("saveAs")->trigger();
    const QStringList lines = QString::fromUtf8(bytes(choice_)).split('\n');
    const QStringList source = QString::fromUtf8(bytes(original)).split('\n');
    QCOMPARE(lines.at(0), "# yaml-language-server: $schema=" +
                              QFileInfo(QDir(shipped_).filePath("sweeplab-experiment.schema.json"))
                                  .canonicalFilePath());
    QCOMPARE(lines.mid(1, 2), source.mid(1, 2));
    QCOMPARE(lines.at(3), QString("name: copy"));
    QCOMPARE(lines.mid(4), source.mid(4));  // the rest as it was
    QVERIFY(!lines.contains("  optimizer: adam"));
  }
};

QTEST_MAIN(tst_save_study)
#include "tst_save_study.moc"
