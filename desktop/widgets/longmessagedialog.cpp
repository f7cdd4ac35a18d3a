#include "longmessagedialog.h"
#include "confirmdialog.h"

#include "util/textsplit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

LongMessageDialog::LongMessageDialog(const QString &text, int maxBytes, QWidget *parent)
    : QDialog(parent), m_parts(TextSplit::split(text, maxBytes))
{
    setObjectName(QStringLiteral("longMessageDialog"));
    setWindowTitle(tr("Message too long"));
    setMinimumWidth(420);
    auto *title = new QLabel(tr("This message is too long"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    const QLocale locale;
    auto *explanation =
        new QLabel(tr("It is %1 bytes long; the server takes at most %2 bytes in one message. "
                      "Send it as several messages, or as a text file?")
                       .arg(locale.toString(TextSplit::utf8Size(text)), locale.toString(maxBytes)),
                   this);
    explanation->setObjectName(QStringLiteral("longMessageExplanation"));
    explanation->setWordWrap(true);

    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_file = DialogButtons::make(tr("Send as a file"), DialogButtons::Kind::Secondary, this);
    m_file->setAccessibleName(QStringLiteral("sendAsFileButton"));
    m_split = new QPushButton(tr("Send as %n messages", nullptr, int(m_parts.size())), this);
    m_split->setObjectName(QStringLiteral("primaryButton"));
    m_split->setAccessibleName(QStringLiteral("splitButton"));
    m_split->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_file, &QPushButton::clicked, this, [this] { done(AsFile); });
    connect(m_split, &QPushButton::clicked, this, [this] { done(Split); });

    QHBoxLayout *buttons = DialogButtons::row({cancel, m_file, m_split});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(explanation);
    layout->addSpacing(4);
    layout->addLayout(buttons);
}

} // namespace Palomar::Desktop
