#pragma once

#include <QLabel>

namespace Palomar::Desktop {

// A one-line label that gives way: in a narrow window it shrinks and ends
// in "…" instead of pushing (or running into) its neighbours, and the
// whole text is its tooltip while cut. text() is always the whole text.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override;
    // The text as painted now ("Connected, server unav…").
    QString shownText() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
};

} // namespace Palomar::Desktop
