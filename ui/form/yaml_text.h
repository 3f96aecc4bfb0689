// The few YAML text conversions the form needs to hand values to applyOverride: quoting free
// text, reading back a quoted scalar, and splitting a flow list at its top-level commas.
#pragma once

#include <QString>
#include <QStringList>

namespace sweeplab::ui {

// Always a double-quoted YAML scalar, so text such as "a: b" or "128" stays a string.
QString quotedYamlString(const QString& text);
// The text of a plain or double-quoted scalar ("\"a \\\"b\\\"\"" -> a "b").
QString unquotedYamlString(const QString& scalar);
// "[64, 32]" -> "64, 32"; text without brackets is returned trimmed.
QString withoutBrackets(const QString& flowList);
// "32, 64, [8, 8], \"a,b\"" -> {"32", "64", "[8, 8]", "\"a,b\""}: commas inside brackets or
// quotes do not split. Empty items are dropped.
QStringList splitFlowItems(const QString& text);

}  // namespace sweeplab::ui
