package synth

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// draw is one patient's random stream. Every patient draws the same sequence of values in
// the same order whatever the parameters, so changing one flaw's strength changes that flaw
// and nothing else, and adding patients leaves the earlier ones as they were.
type draw struct{ src rand.Source }

// newDraw is the stream of patient i of a site (site 0 or 1) under seed.
func newDraw(seed uint64, site, i int) draw {
	return draw{src: rand.NewPCG(seed, uint64(site)<<32|uint64(i))}
}

func (d draw) normal(mu, sigma float64) float64 {
	return distuv.Normal{Mu: mu, Sigma: sigma, Src: d.src}.Rand()
}

func (d draw) logNormal(mu, sigma float64) float64 {
	return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: d.src}.Rand()
}

func (d draw) uniform() float64 {
	return distuv.Uniform{Min: 0, Max: 1, Src: d.src}.Rand()
}

// pick returns an index drawn with the given weights.
func (d draw) pick(weights []float64) int {
	return int(distuv.NewCategorical(weights, d.src).Rand())
}

// bernoulli is true with probability p; it always consumes one draw.
func (d draw) bernoulli(p float64) bool { return d.uniform() < p }

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// round1 rounds to one decimal, as a laboratory reports.
func round1(v float64) float64 { return math.Round(v*10) / 10 }
