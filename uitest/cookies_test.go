package uitest

import (
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// cookies returns every cookie of tb's browser context, as a browser keeps them on disk.
func (tb *tab) cookies() []*network.Cookie {
	tb.t.Helper()
	res, err := chromedp.CallBrowser(tb.ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID})
	if err != nil {
		tb.t.Fatalf("read cookies: %v", err)
	}
	return res.Cookies
}

// cookie returns the value of the cookie name in tb's browser context, or "".
func (tb *tab) cookie(name string) string {
	tb.t.Helper()
	for _, c := range tb.cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// restoreCookies puts the persistent cookies of a jar into tb's browser context, as a
// restarted browser reads them back from disk (session cookies are gone with the browser).
func (tb *tab) restoreCookies(jar []*network.Cookie) {
	tb.t.Helper()
	var params []*network.CookieParam
	for _, c := range jar {
		if c.Session {
			continue
		}
		params = append(params, &network.CookieParam{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path,
			Secure: c.Secure, HTTPOnly: c.HTTPOnly, SameSite: c.SameSite,
			Expires: cdp.TimeSinceEpoch(c.Expires)})
	}
	_, err := chromedp.CallBrowser(tb.ctx, storage.SetCookies, storage.SetCookiesParams{Cookies: params, BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID})
	if err != nil {
		tb.t.Fatalf("restore cookies: %v", err)
	}
}

// clearCookies forgets every cookie of tb's browser context: whoever was signed in is not.
func (tb *tab) clearCookies() {
	tb.t.Helper()
	_, err := chromedp.CallBrowser(tb.ctx, storage.ClearCookies, storage.ClearCookiesParams{BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID})
	if err != nil {
		tb.t.Fatalf("clear cookies: %v", err)
	}
}

// close closes tb's tab (and its browser context, when the tab owns one) before the test ends.
func (tb *tab) close() {
	tb.checkCSP()
	tb.cancel()
}
