package uitest

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"tandem/testenv"
)

// testDrag: an ordering answer can be rearranged by dragging an item's handle, with a mouse
// on a laptop and with a finger on a touch screen.
func testDrag(t *testing.T, env *testenv.Env, browser context.Context) {
	learner := env.Learner("engineering")
	tb := newTab(t, browser, env.URL, 1280, 800)
	logIn(tb, learner)
	id := startAttempt(t, env, learner, "tech-utility-quiz")
	tb.open("/attempts/"+id, "Utility check")
	list := `[data-question="tech-utility-quiz.q3"] .ordering`
	order := func() []string {
		return eval[[]string](tb, fmt.Sprintf(`[...document.querySelectorAll('%s > li')].map((li) => li.dataset.id)`, list))
	}
	// handle returns the centre of the handle of the item at index i, and a point below the list.
	handle := func(i int) (x, y, below float64) {
		p := eval[[]float64](tb, fmt.Sprintf(`(() => {
			const items = document.querySelectorAll('%s > li');
			items[%d].scrollIntoView({ block: 'center' });
			const h = items[%d].querySelector('.drag-handle').getBoundingClientRect();
			const last = items[items.length - 1].getBoundingClientRect();
			return [h.left + h.width / 2, h.top + h.height / 2, last.bottom + 12];
		})()`, list, i, i))
		return p[0], p[1], p[2]
	}

	// Untouched, the ordering counts as unanswered: the order first shown is not the learner's.
	tb.click(`.attempt-form button[type="submit"]`)
	tb.until(fmt.Sprintf(`(() => { const n = document.querySelector('%s').closest('li.question').id;
		return !!document.querySelector('.attempt-form a[href="#' + n + '"]'); })()`, list))

	start := order()
	x, y, below := handle(0)
	pressed := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(chromedp.MouseMoved, x, y),
		chromedp.MouseEvent(chromedp.MousePressed, x, y, pressed, chromedp.ClickCount(1)),
	}
	for dy := 10.0; y+dy < below; dy += 10 {
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x, y+dy, pressed))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x, below, pressed),
		chromedp.MouseEvent(chromedp.MouseReleased, x, below, pressed, chromedp.ClickCount(1)))
	tb.do(steps...)
	want := []string{start[1], start[2], start[0]}
	if got := order(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after a mouse drag of the first item to the bottom the order is %v, want %v", got, want)
	}
	tb.until(`document.getElementById("announcer").textContent.includes("position 3 of 3")`)

	// A finger drags the last item to the top.
	tb.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateTouch))
	x, y, _ = handle(2)
	top := eval[float64](tb, fmt.Sprintf(`document.querySelector('%s > li').getBoundingClientRect().top - 12`, list))
	touch := func(typ input.DispatchTouchEventType, x, y float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}}
			if typ == input.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = []*input.TouchPoint{}
			}
			_, err := chromedp.Call(ctx, input.DispatchTouchEvent, p)
			return err
		})
	}
	steps = []chromedp.Action[chromedp.Void]{touch(input.DispatchTouchEventTypeTouchStart, x, y)}
	for dy := -10.0; y+dy > top; dy -= 10 {
		steps = append(steps, touch(input.DispatchTouchEventTypeTouchMove, x, y+dy))
	}
	steps = append(steps, touch(input.DispatchTouchEventTypeTouchMove, x, top), touch(input.DispatchTouchEventTypeTouchEnd, x, top))
	tb.do(steps...)
	want = []string{want[2], want[0], want[1]}
	if got := order(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after a touch drag of the last item to the top the order is %v, want %v", got, want)
	}
}
