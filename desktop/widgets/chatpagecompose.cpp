// ChatPage: the compose bar beyond typing: the server's text limit (a
// counter near it; a longer text is split or sent as a file, never queued
// to fail), the emoji picker, and the preview step before files go.
#include "chatpage.h"

#include "chatview.h"
#include "composeedit.h"
#include "emojipicker.h"
#include "longmessagedialog.h"
#include "models/messagemodel.h"
#include "sendfilesdialog.h"
#include "theme.h"
#include "util/textsplit.h"

#include <QLabel>
#include <QToolButton>

namespace Palomar::Desktop {

namespace {
// The counter shows once this share of the limit is used.
constexpr double kCounterFrom = 0.9;
} // namespace

void ChatPage::setMaxTextBytes(int bytes)
{
    if (bytes <= 0 || bytes == m_maxTextBytes)
        return;
    m_maxTextBytes = bytes;
    updateCounter();
}

void ChatPage::updateCounter()
{
    const QString text = m_compose->toPlainText().trimmed();
    // Cheap first: fewer characters than a quarter of the limit are far below it.
    const qsizetype bytes =
        text.size() * 4 < m_maxTextBytes * kCounterFrom ? 0 : TextSplit::utf8Size(text);
    if (bytes < m_maxTextBytes * kCounterFrom) {
        m_counter->hide();
        return;
    }
    const int left = int(m_maxTextBytes - bytes);
    m_counter->setText(left >= 0 ? QString::number(left) : QStringLiteral("−%1").arg(-left));
    m_counter->setToolTip(left >= 0 ? tr("%n byte(s) left in this message", nullptr, left)
                                    : tr("%n byte(s) over the limit of one message: it "
                                         "will be split or sent as a file",
                                         nullptr, -left));
    QPalette palette = m_counter->palette();
    palette.setColor(QPalette::WindowText, left >= 0 ? Theme::textSecondary() : Theme::danger());
    m_counter->setPalette(palette);
    m_counter->show();
}

void ChatPage::submitCompose()
{
    const QString text = m_compose->toPlainText().trimmed();
    if (text.isEmpty() || !canSend() || submitComposeAction(text))
        return;
    if (TextSplit::utf8Size(text) <= m_maxTextBytes) {
        m_compose->clear();
        emit sendRequested(text);
        m_compose->setFocus();
        return;
    }
    // Too long for the server: ask, and keep the text until the user decides.
    auto *dialog = new LongMessageDialog(text, m_maxTextBytes, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, text](int result) {
        if (result == LongMessageDialog::Split) {
            sendSplit(text);
        } else if (result == LongMessageDialog::AsFile) {
            m_compose->clear();
            emit textAsFileRequested(text);
            m_view->scrollToNewest();
        }
        m_compose->setFocus();
    });
    dialog->open();
}

void ChatPage::sendSplit(const QString &text)
{
    const QStringList parts = TextSplit::split(text, m_maxTextBytes);
    m_compose->clear();
    for (const QString &part : parts)
        emit sendRequested(part);
}

void ChatPage::retryOrSplit(const QString &clientId)
{
    const MessageModel *model = m_view->messageModel();
    const int row = model ? model->rowOfClientId(clientId) : -1;
    const CachedMessage message = row >= 0 ? model->messageAt(row) : CachedMessage{};
    if (message.isFile() || TextSplit::utf8Size(message.text) <= m_maxTextBytes) {
        emit retryRequested(clientId);
        return;
    }
    emit deleteRequested(clientId);
    m_compose->setPlainText(message.text);
    submitCompose();
}

void ChatPage::showEmojiPicker()
{
    auto *picker = new EmojiPicker(this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &EmojiPicker::picked, this, [this](const QString &emoji) {
        m_compose->insertPlainText(emoji);
        m_compose->setFocus();
    });
    picker->popUp(m_emoji);
}

void ChatPage::previewFiles(const QStringList &paths)
{
    if (paths.isEmpty() || !canSend())
        return;
    auto *dialog = new SendFilesDialog(paths, m_name->text(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // What was typed becomes the caption, as it would have been sent next.
    dialog->setCaption(m_compose->toPlainText().trimmed());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString caption = dialog->caption();
        if (!caption.isEmpty())
            m_compose->clear();
        m_notice->hide();
        emit filesPreviewAccepted(dialog->paths(), caption, dialog->compressPictures());
        m_view->scrollToNewest();
    });
    dialog->open();
}

} // namespace Palomar::Desktop
