// Text conversions of the form: numbers typed as 1e-3, YAML quoting of free text, splitting
// swept values, and durations and percentages as the table shows them.
#include <QTest>
#include <cmath>

#include "display_format.h"
#include "form/yaml_text.h"

using namespace sweeplab::ui;

class tst_form_text : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void parsesNumbersPeopleType_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    QTest::newRow("scientific") << "1e-3" << true << 1e-3;
    QTest::newRow("upper case exponent") << " 5E-4 " << true << 5e-4;
    QTest::newRow("decimal") << "0.001" << true << 0.001;
    QTest::newRow("plus sign") << "+2" << true << 2.0;
    QTest::newRow("trailing junk") << "1e-3x" << false << 0.0;
    QTest::newRow("comma decimal") << "0,001" << false << 0.0;
    QTest::newRow("infinity") << "inf" << false << 0.0;
    QTest::newRow("empty") << "" << false << 0.0;
  }

  void parsesNumbersPeopleType() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, value);
    double parsed = -1;
    QCOMPARE(parseDouble(text, &parsed), ok);
    if (ok) QCOMPARE(parsed, value);
  }

  void shortestFormReadsBackExactly_data() {
    QTest::addColumn<double>("value");
    QTest::newRow("1e-5") << 1e-5;
    QTest::newRow("0.1") << 0.1;
    QTest::newRow("third") << 1.0 / 3.0;
    QTest::newRow("830000") << 830000.0;
  }

  void shortestFormReadsBackExactly() {
    QFETCH(double, value);
    double back = 0;
    QVERIFY(parseDouble(formatShortest(value), &back));
    QCOMPARE(back, value);
    QVERIFY(formatShortest(value).size() <= 18);
  }

  void quotesAndUnquotesFreeText_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("colon") << "lr: 1e-3";
    QTest::newRow("quotes and backslash") << "a \"b\" \\ c";
    QTest::newRow("number-like") << "128";
    QTest::newRow("newline and tab") << "one\ntwo\tthree";
    QTest::newRow("empty") << "";
  }

  void quotesAndUnquotesFreeText() {
    QFETCH(QString, text);
    const QString quoted = quotedYamlString(text);
    QVERIFY(quoted.startsWith('"') && quoted.endsWith('"'));
    QCOMPARE(unquotedYamlString(quoted), text);
  }

  void splitsSweptValues_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("items");
    QTest::newRow("numbers") << "32, 64,128" << QStringList{"32", "64", "128"};
    QTest::newRow("lists stay whole") << "[64, 32], [8]" << QStringList{"[64, 32]", "[8]"};
    QTest::newRow("quoted comma") << "\"a,b\", c" << QStringList{"\"a,b\"", "c"};
    QTest::newRow("empty items dropped") << "1,, 2," << QStringList{"1", "2"};
  }

  void splitsSweptValues() {
    QFETCH(QString, text);
    QFETCH(QStringList, items);
    QCOMPARE(splitFlowItems(text), items);
  }

  void formatsForTheTable() {
    QCOMPARE(formatPercent(0.7125), QString("71.25 %"));
    QVERIFY(formatPercent(std::nan("")).isEmpty());
    QCOMPARE(formatDuration(4.24), QString("4.2 s"));
    QCOMPARE(formatDuration(185), QString("3:05"));
    QCOMPARE(formatDuration(3727), QString("1:02:07"));
    QCOMPARE(withoutBrackets(" [64, 32] "), QString("64, 32"));
  }
};

QTEST_MAIN(tst_form_text)
#include "tst_form_text.moc"
