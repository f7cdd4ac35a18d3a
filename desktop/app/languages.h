#pragma once

#include <QString>

class QCoreApplication;

namespace Palomar::Desktop::Languages {

// Installs the UI translation: `requested` (from --lang or the `language`
// setting) when given, else the system locale. English is the source
// language, so any language without a .qm file simply shows English.
// Returns the language code in use ("es", "en").
QString install(QCoreApplication *app, const QString &requested);

} // namespace Palomar::Desktop::Languages
