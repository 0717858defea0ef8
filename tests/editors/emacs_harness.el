;; Run after the docs' snippet (tests/test_editors.py), as Emacs's startup would: open a draft,
;; let eglot-ensure connect (the command loop's post-command-hook), wait for medlint's
;; diagnostics, pick the default (preferred) code action at the first ML205 as a user pressing
;; RET does, save the draft, and record the diagnostics in the file MEDLINT_TEST_OUT names.
(require 'json)
(require 'seq)
(defvar medlint-test-out (getenv "MEDLINT_TEST_OUT"))
(find-file "drafts/links-that-break-on-medium.md")
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 60)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.2)))
(defvar medlint-test-seen (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
(let ((relative (seq-find (lambda (d) (string-match-p "\\[ML205\\]" (flymake-diagnostic-text d)))
                          (flymake-diagnostics))))
  (when relative
    (goto-char (flymake-diagnostic-beg relative))
    (let ((last-nonmenu-event 13))  ; invoked from the keyboard: the choice is read, RET takes the default
      (call-interactively #'eglot-code-actions))
    (save-buffer)))
(with-temp-file medlint-test-out
  (insert (json-encode (list (cons 'diagnostics (vconcat medlint-test-seen))))))
(kill-emacs 0)
