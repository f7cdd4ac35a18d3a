#include "findbar.h"

#include "cache/cachetypes.h"
#include "chatview.h"
#include "client/clientsession.h"
#include "client/search.h"
#include "delegates/messagedelegate.h"
#include "models/messagemodel.h"
#include "util/searchmatch.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>

namespace Palomar::Desktop {

namespace {
// Results of a server search taken in pages of this many, up to kMaxResults.
constexpr int kPage = 100;
constexpr int kMaxResults = 1000;

// The chat of `key` (a peer, or a group's key) as `search` takes it.
Client::SearchChat searchChatOf(const QString &key)
{
    Client::SearchChat chat;
    if (const qint64 group = groupIdOfChat(key))
        chat.group = group;
    else
        chat.peer = key;
    return chat;
}

QToolButton *barButton(Qt::ArrowType arrow, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setArrowType(arrow);
    button->setAutoRaise(true);
    button->setToolTip(tip);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}
} // namespace

FindBar::FindBar(ChatView *view, QWidget *parent) : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("findBar"));
    setAttribute(Qt::WA_StyledBackground);
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("findField"));
    m_field->setPlaceholderText(tr("Find in this chat"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("findCount"));
    m_older = barButton(Qt::UpArrow, tr("Older match (Enter)"), this);
    m_newer = barButton(Qt::DownArrow, tr("Newer match (Shift+Enter)"), this);
    auto *closeButton = new QToolButton(this);
    closeButton->setText(QStringLiteral("✕"));
    closeButton->setAutoRaise(true);
    closeButton->setToolTip(tr("Close (Esc)"));
    closeButton->setAccessibleName(QStringLiteral("findClose"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_older);
    layout->addWidget(m_newer);
    layout->addWidget(closeButton);
    hide();
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &FindBar::startServerSearch);

    connect(m_field, &QLineEdit::textChanged, this, &FindBar::refresh);
    connect(m_older, &QToolButton::clicked, this, &FindBar::findOlder);
    connect(m_newer, &QToolButton::clicked, this, &FindBar::findNewer);
    connect(closeButton, &QToolButton::clicked, this, &FindBar::dismiss);
    MessageModel *model = view->messageModel();
    connect(model, &QAbstractItemModel::rowsInserted, this, &FindBar::addNewResults);
    connect(model, &QAbstractItemModel::rowsInserted, this, &FindBar::refresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &FindBar::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &FindBar::refresh);
}

void FindBar::open()
{
    QWidget::show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    refresh();
}

void FindBar::setSession(Client::ClientSession *session)
{
    m_session = session;
    delete m_search;
    m_search = nullptr;
    if (!session)
        return;
    m_search = new Client::MessageSearch(session, this);
    connect(m_search, &Client::MessageSearch::found, this, &FindBar::onFound);
    connect(m_search, &Client::MessageSearch::failed, this, &FindBar::onFailed);
}

bool FindBar::searchesServer() const
{
    return m_session && m_session->hasFeature(QStringLiteral("search"));
}

qint64 FindBar::currentMsgId() const
{
    return searchesServer() && !m_matches.isEmpty() ? m_matches.at(m_current) : 0;
}

void FindBar::dismiss()
{
    hide();
    m_debounce->stop();
    m_searching = false;
    m_error.clear();
    m_chat.clear();
    m_matches.clear();
    m_view->messageDelegate()->setHighlight(QString(), 0);
    m_view->viewport()->update();
}

void FindBar::setText(const QString &text)
{
    m_field->setText(text);
}

void FindBar::refresh()
{
    if (isHidden())
        return;
    if (searchesServer()) {
        // The same words in the same chat: only loaded rows changed.
        const QString chat = m_view->messageModel()->peer();
        if (sender() == m_field || chat.compare(m_chat, Qt::CaseInsensitive) != 0) {
            m_chat = chat;
            m_matches.clear();
            m_current = 0;
            m_error.clear();
            m_searching = !m_field->text().trimmed().isEmpty();
            if (m_searching)
                m_debounce->start();
            else
                m_debounce->stop();
        }
        markCurrentResult();
        showCount();
        return;
    }
    m_error.clear();
    const QString term = SearchMatch::fold(m_field->text());
    const qint64 was = m_matches.isEmpty() ? 0 : m_matches.at(m_current);
    m_matches.clear();
    m_current = 0;
    const MessageModel *model = m_view->messageModel();
    if (!term.isEmpty()) {
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = model->index(row);
            if (!index.data(MessageModel::IsFileRole).toBool() &&
                SearchMatch::fold(index.data(MessageModel::TextRole).toString()).contains(term))
                m_matches.append(index.data(MessageModel::LocalIdRole).toLongLong());
        }
    }
    const int same = int(m_matches.indexOf(was));
    goTo(same >= 0 ? same : 0);
}

void FindBar::findOlder()
{
    if (!m_matches.isEmpty())
        goTo((m_current + 1) % int(m_matches.size()));
}

void FindBar::findNewer()
{
    if (!m_matches.isEmpty())
        goTo((m_current + int(m_matches.size()) - 1) % int(m_matches.size()));
}

void FindBar::startServerSearch()
{
    m_pageBefore = 0;
    m_search->find(m_field->text(), searchChatOf(m_chat), 0, kPage);
}

void FindBar::onFound(const Client::SearchPage &page)
{
    if (!m_searching)
        return;
    for (const Client::FoundMessage &found : page.messages) {
        if (found.message.msgId > 0 && !m_matches.contains(found.message.msgId))
            m_matches.append(found.message.msgId);
    }
    const bool first = m_pageBefore == 0;
    if (page.nextBefore > 0 && m_matches.size() < kMaxResults) {
        // The next page, as the continuation of the same find().
        m_pageBefore = page.nextBefore;
        m_search->find(m_field->text(), searchChatOf(m_chat), page.nextBefore, kPage);
    } else {
        m_searching = false;
    }
    if (first)
        goTo(0);
    else
        showCount();
}

void FindBar::onFailed(const QString &, const QString &message)
{
    if (!m_searching)
        return;
    m_searching = false;
    m_error = message;
    showCount();
}

void FindBar::addNewResults(const QModelIndex &, int first, int last)
{
    const MessageModel *model = m_view->messageModel();
    // Only new messages (at the end) of a finished search: older history
    // paged in was searched at the server already.
    if (isHidden() || !searchesServer() || m_searching || last != model->rowCount() - 1)
        return;
    const bool had = !m_matches.isEmpty();
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model->index(row);
        const qint64 msgId = index.data(MessageModel::MsgIdRole).toLongLong();
        if (msgId > 0 && !m_matches.contains(msgId) &&
            SearchMatch::hasAllWords(index.data(MessageModel::TextRole).toString(),
                                     m_field->text())) {
            m_matches.prepend(msgId);
            if (had)
                ++m_current; // the same result stays current
        }
    }
}

void FindBar::markCurrentResult()
{
    const qint64 msgId = currentMsgId();
    const int row = msgId ? m_view->messageModel()->rowOfMsgId(msgId) : -1;
    const qint64 localId =
        row < 0 ? 0
                : m_view->messageModel()->index(row).data(MessageModel::LocalIdRole).toLongLong();
    m_view->messageDelegate()->setHighlight(m_field->text(), localId);
    m_view->viewport()->update();
}

void FindBar::goTo(int match)
{
    m_current = match;
    if (searchesServer()) {
        markCurrentResult();
        showCount();
        if (const qint64 msgId = currentMsgId())
            emit revealRequested(msgId);
        return;
    }
    const qint64 localId = m_matches.isEmpty() ? 0 : m_matches.at(match);
    m_view->messageDelegate()->setHighlight(m_field->text(), localId);
    if (localId) {
        const int row = m_view->messageModel()->rowOfLocalId(localId);
        m_view->scrollTo(m_view->model()->index(row, 0), QAbstractItemView::PositionAtCenter);
    }
    m_view->viewport()->update();
    showCount();
}

void FindBar::showCount()
{
    m_older->setEnabled(m_matches.size() > 1);
    m_newer->setEnabled(m_matches.size() > 1);
    if (m_field->text().isEmpty())
        m_count->clear();
    else if (!m_error.isEmpty())
        m_count->setText(tr("Search failed: %1").arg(m_error));
    else if (m_matches.isEmpty() && m_searching)
        m_count->setText(tr("Searching…"));
    else if (m_matches.isEmpty())
        m_count->setText(tr("No results"));
    else
        m_count->setText(tr("%1 of %2").arg(currentMatch()).arg(m_matches.size()));
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool shift = key->modifiers() & Qt::ShiftModifier;
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            shift ? findNewer() : findOlder();
            return true;
        case Qt::Key_Up:
            findOlder();
            return true;
        case Qt::Key_Down:
            findNewer();
            return true;
        case Qt::Key_Escape:
            dismiss();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Palomar::Desktop
