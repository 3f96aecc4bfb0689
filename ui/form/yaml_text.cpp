// Quoting rules follow YAML 1.2 double-quoted scalars; only the escapes a form can produce
// (and the engine's writer uses) are read back.
#include "form/yaml_text.h"

namespace sweeplab::ui {

QString quotedYamlString(const QString& text) {
  QString out = QStringLiteral("\"");
  for (QChar c : text) {
    switch (c.unicode()) {
      case '"':
        out += QStringLiteral("\\\"");
        break;
      case '\\':
        out += QStringLiteral("\\\\");
        break;
      case '\n':
        out += QStringLiteral("\\n");
        break;
      case '\t':
        out += QStringLiteral("\\t");
        break;
      case '\r':
        out += QStringLiteral("\\r");
        break;
      default:
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
          out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
          out += c;
    }
  }
  return out + QLatin1Char('"');
}

QString unquotedYamlString(const QString& scalar) {
  if (scalar.size() >= 2 && scalar.startsWith(QLatin1Char('\'')) &&
      scalar.endsWith(QLatin1Char('\'')))
    return scalar.mid(1, scalar.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
  if (scalar.size() < 2 || !scalar.startsWith(QLatin1Char('"')) ||
      !scalar.endsWith(QLatin1Char('"')))
    return scalar;
  QString out;
  const QString body = scalar.mid(1, scalar.size() - 2);
  for (int i = 0; i < body.size(); ++i) {
    if (body[i] != QLatin1Char('\\') || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    const QChar escape = body[++i];
    switch (escape.unicode()) {
      case 'n':
        out += QLatin1Char('\n');
        break;
      case 't':
        out += QLatin1Char('\t');
        break;
      case 'r':
        out += QLatin1Char('\r');
        break;
      case 'x':
        out += QChar(body.mid(i + 1, 2).toUShort(nullptr, 16));
        i += 2;
        break;
      default:
        out += escape;
    }
  }
  return out;
}

QString withoutBrackets(const QString& flowList) {
  QString text = flowList.trimmed();
  if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
    text = text.mid(1, text.size() - 2).trimmed();
  return text;
}

QStringList splitFlowItems(const QString& text) {
  QStringList items;
  QString current;
  int depth = 0;
  QChar quote;
  auto finish = [&] {
    const QString item = current.trimmed();
    if (!item.isEmpty()) items << item;
    current.clear();
  };
  for (int i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (!quote.isNull()) {
      if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < text.size()) {
        current += c;
        current += text[++i];
        continue;
      }
      if (c == quote) quote = QChar();
    } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
      quote = c;
    } else if (c == QLatin1Char('[') || c == QLatin1Char('{')) {
      ++depth;
    } else if ((c == QLatin1Char(']') || c == QLatin1Char('}')) && depth > 0) {
      --depth;
    } else if (c == QLatin1Char(',') && depth == 0) {
      finish();
      continue;
    }
    current += c;
  }
  finish();
  return items;
}

}  // namespace sweeplab::ui
