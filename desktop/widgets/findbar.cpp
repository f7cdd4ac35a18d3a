#include "findbar.h"

#include "chatview.h"
#include "delegates/messagedelegate.h"
#include "models/messagemodel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Palomar::Desktop {

namespace {
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

    connect(m_field, &QLineEdit::textChanged, this, &FindBar::refresh);
    connect(m_older, &QToolButton::clicked, this, &FindBar::findOlder);
    connect(m_newer, &QToolButton::clicked, this, &FindBar::findNewer);
    connect(closeButton, &QToolButton::clicked, this, &FindBar::dismiss);
    MessageModel *model = view->messageModel();
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

void FindBar::dismiss()
{
    hide();
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
    const QString term = m_field->text();
    const qint64 was = m_matches.isEmpty() ? 0 : m_matches.at(m_current);
    m_matches.clear();
    m_current = 0;
    const MessageModel *model = m_view->messageModel();
    if (!term.isEmpty()) {
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = model->index(row);
            if (!index.data(MessageModel::IsFileRole).toBool() &&
                index.data(MessageModel::TextRole).toString().contains(term, Qt::CaseInsensitive))
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

void FindBar::goTo(int match)
{
    m_current = match;
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
