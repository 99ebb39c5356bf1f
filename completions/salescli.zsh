#compdef salescli

_salescli_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _SALESCLI_COMPLETE=complete_zsh salescli)
}

compdef _salescli_completion salescli
