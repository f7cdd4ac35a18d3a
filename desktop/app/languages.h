#pragma once

#include <QString>

class QCoreApplication;

namespace Palomar::Desktop::Languages {

// Installs the UI translation: `requested` (from --lang or the `language`
// setting) when given, else the system locale. A language without a .qm
// file shows English (palomar_en, for its plural forms).
// Returns the language code in use ("es", "en").
QString install(QCoreApplication *app, const QString &requested);

} // namespace Palomar::Desktop::Languages
