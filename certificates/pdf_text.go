package certificates

import (
	"strconv"
	"time"

	"tandem/locale"
)

// wording is the fixed wording of the printed certificate in one language.
type wording struct {
	certificate, certify, completed, credits, issued, validUntil, scan, serial, checkAt string
	erasedHolder, erasedNote                                                            string
	months                                                                              [12]string
	date                                                                                func(day int, month string, year int) string
}

// dayMonthYear writes "5 December 2026", "5 décembre 2026", "5 dicembre 2026".
func dayMonthYear(day int, month string, year int) string {
	return strconv.Itoa(day) + " " + month + " " + strconv.Itoa(year)
}

// wordings holds the wording in every language Tandem speaks. The French, German and Italian
// follow how certificates are worded in those languages, not word for word.
var wordings = map[string]wording{
	locale.English: {
		certificate: "CERTIFICATE", certify: "This is to certify that", completed: "has completed the programme",
		credits: "Credits: ", issued: "Issued ", validUntil: "Valid until ", scan: "Scan to verify",
		serial: "Serial number", checkAt: "Check that this certificate is valid at",
		erasedHolder: ErasedHolder, erasedNote: ErasedNote,
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		date:   dayMonthYear,
	},
	locale.French: {
		certificate: "CERTIFICAT", certify: "Le présent certificat atteste que", completed: "a suivi avec succès le programme",
		credits: "Crédits\u00a0: ", issued: "Délivré le ", validUntil: "Valable jusqu’au ", scan: "Scanner pour vérifier",
		serial: "Numéro de série", checkAt: "Vérifiez la validité de ce certificat sur",
		erasedHolder: "Le titulaire de ce certificat",
		erasedNote:   "Le titulaire a supprimé son compte Tandem ; son nom n’est donc plus affiché. Ce certificat reste valable.",
		months:       [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		date:         dayMonthYear,
	},
	locale.German: {
		certificate: "ZERTIFIKAT", certify: "Hiermit wird bescheinigt, dass", completed: "das folgende Programm erfolgreich abgeschlossen hat",
		credits: "Credits: ", issued: "Ausgestellt am ", validUntil: "Gültig bis ", scan: "Zum Prüfen scannen",
		serial: "Seriennummer", checkAt: "Die Gültigkeit dieses Zertifikats lässt sich prüfen unter",
		erasedHolder: "Die Inhaberin oder der Inhaber dieses Zertifikats",
		erasedNote:   "Die Inhaberin oder der Inhaber hat das Tandem-Konto gelöscht; der Name wird daher nicht mehr angezeigt. Das Zertifikat bleibt gültig.",
		months:       [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		date: func(day int, month string, year int) string {
			return strconv.Itoa(day) + ". " + month + " " + strconv.Itoa(year)
		},
	},
	locale.Italian: {
		certificate: "CERTIFICATO", certify: "Si certifica che", completed: "ha completato il programma",
		credits: "Crediti: ", issued: "Rilasciato il ", validUntil: "Valido fino al ", scan: "Scansiona per verificare",
		serial: "Numero di serie", checkAt: "Verifica la validità di questo certificato su",
		erasedHolder: "Il titolare di questo certificato",
		erasedNote:   "Il titolare ha eliminato il proprio account Tandem, per cui il suo nome non è più indicato. Il certificato resta valido.",
		months:       [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		date:         dayMonthYear,
	},
}

// textIn is the certificate's wording in lang, English when lang is not one Tandem speaks.
func textIn(lang string) (wording, string) {
	if t, ok := wordings[lang]; ok {
		return t, lang
	}
	return wordings[locale.English], locale.English
}

// day writes a date as the language does.
func (t wording) day(d time.Time) string {
	d = d.UTC()
	return t.date(d.Day(), t.months[d.Month()-1], d.Year())
}
